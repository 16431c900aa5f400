"""The Qt window: a thin layer over ``core`` services."""
