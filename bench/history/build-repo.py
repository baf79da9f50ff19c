#!/usr/bin/env python3
"""Builds a git repository of >= 10,000 commits offline, for `keyward history` benchmarks:
the crate sources in ~/.cargo/registry/src imported one after another under vendor/<crate>/
(a second round under vendor/round2/ only if the first is short of MIN_COMMITS)
(successive versions of a crate replace each other: files modified, added and deleted), two
one or two files per commit, every 7th import on its own branch merged back with a merge commit, some crate
folders renamed and some deleted later, and planted keys: one added then removed (and the file
renamed), one on a merged branch, one on a branch never merged. Uses `git fast-import`.

Usage: build-repo.py DEST [MIN_COMMITS]   (prints the planted keys' summary on stderr)
"""
import os, random, re, subprocess, sys, zlib

dest = sys.argv[1]
min_commits = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
registry = os.path.expanduser("~/.cargo/registry/src")
MAX_FILE = 1 << 20  # larger files are left out (a few generated tables)

def version_key(version):
    return [int(p) if p.isdigit() else p for p in re.split(r"[.+-]", version)]

crates = {}
for index_dir in sorted(os.listdir(registry)):
    for entry in sorted(os.listdir(os.path.join(registry, index_dir))):
        match = re.match(r"^(.*?)-(\d+\.\d+\.\d+.*)$", entry)
        if match:
            crates.setdefault(match.group(1), []).append((match.group(2), os.path.join(registry, index_dir, entry)))
imports = [(name, version, path) for name in sorted(crates) for version, path in sorted(crates[name], key=lambda v: version_key(v[0]))]

def files_of(root):
    out = {}
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(folder, name)
            if os.path.isfile(full) and not os.path.islink(full) and os.path.getsize(full) <= MAX_FILE:
                out[os.path.relpath(full, root)] = full
    return out

def github_token(seed):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    rng = random.Random(seed)
    body = "".join(rng.choice(digits) for _ in range(30))
    crc, check = zlib.crc32(body.encode()), ""
    for _ in range(6):
        crc, digit = divmod(crc, 62)
        check = digits[digit] + check
    return "gh" + "p_" + body + check

def anthropic_key(seed):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
    rng = random.Random(seed)
    return "sk-" + "ant-api03-" + "".join(rng.choice(alphabet) for _ in range(93)) + "AA"

subprocess.run(["git", "init", "-q", "-b", "main", dest], check=True)
importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=dest, stdin=subprocess.PIPE)
out = importer.stdin
authors = ["Alice Martin <alice@example.invalid>", "Bob Chen <bob@example.invalid>", "Carol Diaz <carol@example.invalid>"]
state = {"mark": 0, "commits": 0, "time": 1_577_836_800}  # 2020-01-01
heads = {}

def data(payload):
    out.write(b"data %d\n" % len(payload) + payload + b"\n")

def commit(branch, message, changes, merge=None):
    """changes: ('M', path, bytes) | ('D', path) | ('R', old, new). Returns the commit's mark."""
    state["mark"] += 1
    state["commits"] += 1
    state["time"] += 3600
    author = authors[state["commits"] % len(authors)]
    out.write(b"commit refs/heads/%s\nmark :%d\n" % (branch.encode(), state["mark"]))
    out.write(b"author %s %d +0000\ncommitter %s %d +0000\n" % (author.encode(), state["time"], author.encode(), state["time"]))
    data(message.encode())
    if branch in heads:
        out.write(b"from :%d\n" % heads[branch])
    if merge:
        out.write(b"merge :%d\n" % merge)
    for change in changes:
        if change[0] == "M":
            out.write(b"M 100644 inline %s\n" % change[1].encode())
            data(change[2])
        elif change[0] == "D":
            out.write(b"D %s\n" % change[1].encode())
        else:
            out.write(b'R "%s" "%s"\n' % (change[1].encode(), change[2].encode()))
    heads[branch] = state["mark"]
    return state["mark"]

def branch_from(name, parent):
    heads[name] = heads[parent]

planted = []
current = {}  # crate name -> {relative path: content}
renamed_later, deleted_later = [], []
plants = {
    2000: "add", 2500: "remove", 3000: "rename",
}
round_number = 0
while state["commits"] < min_commits:
    round_number += 1
    for number, (name, version, root) in enumerate(imports):
        base = f"vendor/{name}" if round_number == 1 else f"vendor/round{round_number}/{name}"
        files = {rel: open(full, "rb").read() for rel, full in files_of(root).items()}
        previous = current.get(base, {})
        changes = [("M", f"{base}/{rel}", content) for rel, content in files.items() if previous.get(rel) != content]
        changes += [("D", f"{base}/{rel}") for rel in previous if rel not in files]
        current[base] = files
        branch = "main"
        if number % 7 == 3:
            branch = f"import/{name}-{version}-r{round_number}"
            branch_from(branch, "main")
        # Commits of one and two files, alternating.
        bounds = [0]
        while bounds[-1] < len(changes):
            bounds.append(min(len(changes), bounds[-1] + 1 + len(bounds) % 2))
        for part, (start, end) in enumerate(zip(bounds, bounds[1:])):
            commit(branch, f"{name} {version}: import part {part + 1}", changes[start:end])
            for at, action in list(plants.items()):
                if state["commits"] >= at:
                    del plants[at]
                    token = github_token(1)
                    if action == "add":
                        commit("main", "app: settings", [("M", "app/settings.py", f"import os\nGITHUB_TOKEN = \"{token}\"\nDEBUG = False\n".encode())])
                        planted.append(("github token added, removed later", "app/settings.py", state["commits"]))
                    elif action == "remove":
                        commit("main", "app: token from the environment", [("M", "app/settings.py", b"import os\nGITHUB_TOKEN = os.environ['GITHUB_TOKEN']\nDEBUG = False\n")])
                    else:
                        commit("main", "app: rename settings", [("R", "app/settings.py", "app/config.py")])
        if branch != "main":
            if number % 21 == 3 and round_number == 1 and not any(p[1] == "deploy/deploy.sh" for p in planted):
                deploy = ("M", "deploy/deploy.sh", f"export ANTHROPIC_API_KEY={anthropic_key(2)}\n".encode())
                commit(branch, f"{name}: deploy script", [deploy])
                changes.append(deploy)
                planted.append(("anthropic key on a merged branch", "deploy/deploy.sh", state["commits"]))
            # fast-import does not merge trees: the merge commit lists what the branch changed.
            commit("main", f"Merge {branch}", changes, merge=heads[branch])
        if number % 25 == 10 and round_number == 1:
            renamed_later.append(base)
        if number % 40 == 20 and round_number == 1:
            deleted_later.append(base)
        if state["commits"] >= min_commits and round_number > 1:
            break
    for base in renamed_later:
        commit("main", f"rename {base}", [("R", base, base + "-old")])
        current.pop(base, None)
    for base in deleted_later:
        if base not in renamed_later:
            commit("main", f"delete {base}", [("D", base)])
            current.pop(base, None)
    renamed_later, deleted_later = [], []

branch_from("experiment", "main")
commit("experiment", "experiment: notes", [("M", "notes.txt", f"try GITHUB_TOKEN={github_token(3)}\n".encode())])
planted.append(("github token on an unmerged branch", "notes.txt", state["commits"]))
out.close()
if importer.wait() != 0:
    sys.exit("git fast-import failed")
subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=dest, check=True)
print(f"build-repo: {state['commits']} commits in {dest}; planted: {planted}", file=sys.stderr)
