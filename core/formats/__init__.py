"""What a file format is (its names, marks and rules), below both importers and exporters.

A format's knowledge lives here once, so the code that writes a format and the code
that reads it agree by construction and neither imports the other.
"""
