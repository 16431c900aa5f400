"""Run Glossa's benchmarks: ``python -m bench [--quick] [MODULE ...]``.

Every module of this package that defines ``main()`` is a benchmark; new ones are
found without being listed here. Each prints its own figures under a header; there
is no pass or fail, and one benchmark that crashes does not stop the others.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from types import ModuleType

import bench

#: Modules of the package that are not benchmarks even if they grow a ``main``.
NOT_BENCHMARKS = frozenset({"__main__", "corpus", "scale_data", "timing"})


def module_names() -> list[str]:
    """Candidate benchmark modules, sorted, without importing them."""
    return sorted(
        info.name for info in pkgutil.iter_modules(bench.__path__)
        if not info.ispkg and info.name not in NOT_BENCHMARKS and not info.name.startswith("_")
    )


def _entry(module: ModuleType) -> Callable[..., object] | None:
    entry = getattr(module, "main", None)
    return entry if callable(entry) else None


def _accepts_argv(entry: Callable[..., object]) -> bool:
    try:
        parameters = inspect.signature(entry).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(
        p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
        for p in parameters
    )


def run_benchmark(name: str, entry: Callable[..., object], quick: bool) -> bool:
    """Print ``name``'s header and figures; False when it did not run to the end."""
    print(f"== {name} ==", flush=True)
    started = time.perf_counter()
    try:
        if _accepts_argv(entry):
            entry(["--quick"] if quick else [])
        else:
            if quick:
                print("(this benchmark has no --quick; running it at full size)", flush=True)
            entry()
    except SystemExit as stop:  # an argparse error or an explicit exit inside the module
        if stop.code not in (None, 0):
            print(f"(bench.{name} exited with {stop.code})\n", flush=True)
            return False
    except Exception:
        traceback.print_exc()
        print(f"(bench.{name} failed; see the traceback above)\n", flush=True)
        return False
    print(f"({name} took {time.perf_counter() - started:.1f} s)\n", flush=True)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    available = module_names()
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=f"Run benchmarks and print their figures. Modules: {', '.join(available)}.",
    )
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help="benchmarks to run (default: every module with a main())")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, for a smoke test (where the benchmark supports it)")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in available]
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)}; available: {', '.join(available)}")

    failed: list[str] = []
    entries: list[tuple[str, Callable[..., object]]] = []
    for name in args.modules or available:
        try:
            module = importlib.import_module(f"bench.{name}")
        except Exception:
            print(f"== {name} ==", flush=True)
            traceback.print_exc()
            print(f"(bench.{name} cannot be imported)\n", flush=True)
            failed.append(name)
            continue
        entry = _entry(module)
        if entry is not None:
            entries.append((name, entry))
        elif args.modules:
            parser.error(f"bench.{name} has no main(), so it is not a benchmark")

    failed += [name for name, entry in entries if not run_benchmark(name, entry, args.quick)]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
