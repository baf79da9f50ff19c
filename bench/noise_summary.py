"""Summarises bench/noise.sh output: findings per 100 MB by confidence, per rule, and a list
of every medium/high finding (redacted) to review by hand; `--all` lists the low ones too, and
`--context` prints each finding's surroundings (unredacted: for reviewing third-party corpora)."""
import collections
import json
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
list_all = "--all" in sys.argv[2:]
show_context = "--context" in sys.argv[2:]


def context(f):
    """The finding's line, cut to 100 characters either side of the secret."""
    try:
        text = pathlib.Path(f["path"]).read_bytes()
    except OSError:
        return ""
    start, end = f["start"], f["end"]
    line_start = text.rfind(b"\n", 0, start) + 1
    line_end = text.find(b"\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - 100):start]
    after = text[end:min(line_end, end + 60)]
    return (before + b"[[" + text[start:end] + b"]]" + after).decode("utf-8", "replace")
total_mb, findings = 0.0, []
for report in sorted(out.glob("*.json")):
    log = report.with_suffix(".log").read_text()
    scanned = re.search(r"scanned \d+ files \(([\d.]+) MB\)", log)
    mb = float(scanned.group(1)) if scanned else 0.0
    found = json.loads(report.read_text() or "[]")
    total_mb += mb
    findings += found
    print(f"{report.stem[:70]:<72} {mb:9.1f} MB {len(found):6} findings")

per100 = lambda n: n * 100 / total_mb if total_mb else 0.0
by_conf = collections.Counter(f["confidence"] for f in findings)
print(f"\nscanned {total_mb:.1f} MB: " + ", ".join(
    f"{c} {by_conf.get(c, 0)} ({per100(by_conf.get(c, 0)):.2f} per 100 MB)" for c in ("high", "medium", "low")))
medium_up = by_conf.get("high", 0) + by_conf.get("medium", 0)
print(f"medium+high: {medium_up} ({per100(medium_up):.2f} per 100 MB)")
print("\nby rule:")
for (rule, conf), n in collections.Counter((f["ruleId"], f["confidence"]) for f in findings).most_common():
    print(f"  {n:6}  {rule} ({conf})")
print("\n" + ("every finding" if list_all else "medium and high findings to review") + ":")
for f in findings:
    if list_all or f["confidence"] != "low":
        print(f"  {f['confidence']:6} {f['ruleId']:34} {f['redacted']:22} {f['path']}:{f['line']}")
        if show_context:
            print(f"         {context(f)!r}")
