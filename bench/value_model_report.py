#!/usr/bin/env python3
"""What the value model and the name classifier accept and reject on real third-party code.

Extracts every `secret-ish-name = value` pair that the generic rules' syntax could match (a
name containing key/token/secret/pass/pwd/credential/auth, an assignment operator, a value of
12+ token characters) from the trees bench/noise.sh scans, runs them through
examples/value_verdicts.rs, and prints: pairs by name kind, how many values the model reads as
text, and how many pass the generic randomness test. Usage:
    python3 bench/value_model_report.py [TREE...]      (prints a summary; --list shows accepted pairs)
"""
import collections
import os
import pathlib
import re
import subprocess
import sys

HOME = pathlib.Path.home()
ROOT = pathlib.Path(__file__).resolve().parent.parent
PAIR = re.compile(
    rb"([A-Za-z0-9_.-]*(?:key|token|secret|pass|pwd|credential|auth)[A-Za-z0-9_.-]*)[\"'\]]{0,2}[ \t]*(?::=|=>|=|:)"
    rb"[ \t]*[\"'`]?([A-Za-z0-9][A-Za-z0-9+/_.~=-]{11,255})(?![A-Za-z0-9+/_.~=-])",
    re.IGNORECASE,
)


def files(trees):
    for tree in trees:
        for dirpath, dirnames, filenames in os.walk(tree):
            dirnames.sort()
            for name in sorted(filenames):
                yield pathlib.Path(dirpath, name)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    trees = args or [str(t) for t in [HOME / ".cargo/registry/src", HOME / ".cache/keyward-tools/npm/node_modules",
                                      HOME / ".cache/keyward-tools/code-server/node_modules"] if t.is_dir()]
    pairs = []
    for path in files(trees):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if b"\0" in data[:1024] or len(data) > 20_000_000:
            continue
        for m in PAIR.finditer(data):
            name, value = m.group(1), m.group(2)
            if b"\t" not in name and b"\n" not in name:
                pairs.append((name, value))
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "keyward-core", "--example", "value_verdicts"],
                   cwd=ROOT, check=True)
    binary = ROOT / "target/release/examples/value_verdicts"
    stdin = b"".join(n + b"\t" + v + b"\n" for n, v in pairs)
    verdicts = subprocess.run([binary], input=stdin, capture_output=True, check=True).stdout.decode().splitlines()
    rows = [(n, v, *line.split("\t")) for (n, v), line in zip(pairs, verdicts)]

    print(f"{len(rows)} name = value pairs of the generic syntax in {', '.join(trees)}")
    kinds = collections.Counter(r[2] for r in rows)
    print("by name kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    secret = [r for r in rows if r[2] in ("Secret", "Password")]
    text = sum(1 for r in secret if float(r[3]) > -len(r[1]) / 2)
    accepted = [r for r in secret if r[4] == "true"]
    print(f"values under secret or password names: {len(secret)}; the model reads {text} as text "
          f"({100 * text / max(1, len(secret)):.1f} %); the randomness test accepts {len(accepted)} "
          f"({100 * len(accepted) / max(1, len(secret)):.1f} %)")
    print("all values, whatever the name: the model reads "
          f"{sum(1 for r in rows if float(r[3]) > -len(r[1]) / 2)} of {len(rows)} as text")
    if "--list" in sys.argv:
        for r in accepted:
            print(f"  {r[0].decode(errors='replace')[:40]:40} {r[1].decode(errors='replace')[:60]}")


if __name__ == "__main__":
    main()
