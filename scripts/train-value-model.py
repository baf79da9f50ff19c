#!/usr/bin/env python3
"""Trains keyward's value model: does a value read like identifier/word text, or like a random token?

Two character trigram models over the same small alphabet (see `symbols`):
  T, "text":   identifiers and string literals from third-party code on this machine (the crates
               in ~/.cargo/registry/src, the npm trees under ~/.cache/keyward-tools/*/node_modules),
               dictionary words (Debian's wamerican, wngerman, wfrench) and compound names built from them;
  R, "random": tokens drawn uniformly from the alphabets keys use (hex, base64, base64url, base62,
               lower+digits, upper+digits, printable passwords).
The table stores log2 P_T(c | a b) - log2 P_R(c | a b) for every trigram, in eighths of a bit, as
`crates/keyward-core/src/value_model_table.rs`; `value_model.rs` sums it over a value. The table
is committed, so builds and CI never retrain.

Retrain (a few minutes; deterministic for the same inputs, which change as the machine's crate
and npm caches change):
    apt-get install wamerican wngerman wfrench
    python3 scripts/train-value-model.py            # writes the table, prints held-out figures
    cargo test -p keyward-core value_model
Measure the committed table without retraining:
    python3 scripts/train-value-model.py --evaluate

Files are split by a hash of their path: three quarters train the model, the last quarter (and
fresh random tokens, and the fake examples of /work/shared/formats.json when present) measure it.
"""
import hashlib
import json
import os
import pathlib
import random
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/keyward-core/src/value_model_table.rs"
HOME = pathlib.Path.home()
TREES = [HOME / ".cargo/registry/src"] + sorted((HOME / ".cache/keyward-tools").glob("*/node_modules"))
DICTIONARIES = ["/usr/share/dict/american-english", "/usr/share/dict/ngerman", "/usr/share/dict/french"]
FORMATS = pathlib.Path("/work/shared/formats.json")
SOURCE_SUFFIXES = {".rs", ".js", ".mjs", ".cjs", ".ts", ".py", ".go", ".java", ".c", ".h", ".cc", ".cpp",
                   ".json", ".yml", ".yaml", ".toml", ".md", ".html", ".css", ".sh", ".txt", ".xml", ".ini"}
SKIP_NAMES = {"package-lock.json", "Cargo.lock", "yarn.lock", "pnpm-lock.yaml"}
MAX_TEXT_BYTES = 80_000_000  # enough for stable counts; keeps a run to a few minutes
SCALE = 8  # table unit: 1/8 bit

# Alphabet (must match value_model.rs): 0 boundary, 1-26 letters (case folded), then classes.
BOUNDARY, DIGIT, BREAK, PUNCT, SPECIAL = 0, 27, 28, 29, 30
N = 31


def symbols(value: bytes):
    """The symbol sequence of a value. A capital that starts a word (after a small letter or a
    digit, or the last capital before small letters as in HTTPServer) is preceded by BREAK, so
    camelCase and snake_case read alike; `_ - space` are BREAK, `. / : + @ \\ ,` PUNCT."""
    out = []
    n = len(value)
    for i, b in enumerate(value):
        c = chr(b)
        if "a" <= c <= "z":
            out.append(b - 96)
        elif "A" <= c <= "Z":
            prev = chr(value[i - 1]) if i else ""
            nxt = chr(value[i + 1]) if i + 1 < n else ""
            if prev.islower() and prev.isascii() or prev.isdigit() and prev.isascii() or (
                "A" <= prev <= "Z" and "a" <= nxt <= "z"
            ):
                out.append(BREAK)
            out.append(b - 64)
        elif "0" <= c <= "9":
            out.append(DIGIT)
        elif c in "_- \t":
            out.append(BREAK)
        elif c in "./:+@\\,":
            out.append(PUNCT)
        else:
            out.append(SPECIAL)
    return out


def trigrams(seq):
    padded = [BOUNDARY, BOUNDARY] + seq + [BOUNDARY]
    for i in range(2, len(padded)):
        yield padded[i - 2], padded[i - 1], padded[i]


class Model:
    """Trigram counts with interpolated back-off to bigrams, unigrams and uniform."""

    def __init__(self):
        self.tri = [0] * (N * N * N)
        self.bi = [0] * (N * N)
        self.uni = [0] * N

    def add(self, value: bytes, weight=1):
        for a, b, c in trigrams(symbols(value)):
            self.tri[(a * N + b) * N + c] += weight
            self.bi[b * N + c] += weight
            self.uni[c] += weight

    def log_probs(self):
        import math
        ctx2 = [0] * (N * N)
        for i, v in enumerate(self.tri):
            ctx2[i // N] += v
        ctx1 = [sum(self.bi[b * N:(b + 1) * N]) for b in range(N)]
        total = sum(self.uni)
        out = [0.0] * (N * N * N)
        for a in range(N):
            for b in range(N):
                seen2 = ctx2[a * N + b]
                for c in range(N):
                    p1 = (self.uni[c] + 0.5) / (total + 0.5 * N)
                    p2 = (self.bi[b * N + c] + 2 * p1) / (ctx1[b] + 2) if ctx1[b] else p1
                    p3 = (self.tri[(a * N + b) * N + c] + 2 * p2) / (seen2 + 2) if seen2 else p2
                    out[(a * N + b) * N + c] = math.log2(p3)
        return out


def split_of(path: str) -> str:
    return "test" if hashlib.sha256(path.encode()).digest()[0] % 4 == 0 else "train"


def source_files():
    for tree in TREES:
        if not tree.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(tree):
            dirnames.sort()
            for name in sorted(filenames):
                p = pathlib.Path(dirpath, name)
                if p.suffix in SOURCE_SUFFIXES and name not in SKIP_NAMES and not name.endswith(".min.js"):
                    yield p


IDENT = re.compile(rb"[A-Za-z_$][A-Za-z0-9_$]{3,63}")
LITERAL = re.compile(rb"[\"'`]([A-Za-z0-9][A-Za-z0-9_.+/:@-]{3,62}[A-Za-z0-9])[\"'`]")
SUBWORD = re.compile(rb"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def subwords(value: bytes):
    return [w.lower() for w in SUBWORD.findall(value)]


def read_corpus():
    """Unique identifiers and literals per split, and in how many files each subword occurs."""
    found = {"train": {}, "test": {}}
    files_with = {}
    read = 0
    for path in source_files():
        if read > MAX_TEXT_BYTES:
            break
        try:
            data = path.read_bytes()[:1_000_000]
        except OSError:
            continue
        if b"\0" in data[:4096] or (data.count(b"\n") + 1) * 300 < len(data):
            continue  # binary or minified
        read += len(data)
        bucket = found[split_of(str(path))]
        tokens = set(IDENT.findall(data)) | set(LITERAL.findall(data))
        for t in tokens:
            bucket[t] = bucket.get(t, 0) + 1
        for w in {w for t in tokens for w in subwords(t)}:
            files_with[w] = files_with.get(w, 0) + 1
    print(f"read {read / 1e6:.0f} MB of source", file=sys.stderr)
    return found, files_with


def ascii_word(word: str) -> bytes:
    word = word.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    word = word.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore")


def dictionary_words():
    words = set()
    for path in DICTIONARIES:
        try:
            for line in open(path, encoding="utf-8", errors="ignore"):
                w = ascii_word(line.strip().split("/")[0].replace("'s", ""))
                if len(w) >= 2 and w.isalpha():
                    words.add(w)
        except FileNotFoundError:
            print(f"missing {path} (apt-get install wamerican wngerman wfrench)", file=sys.stderr)
    return sorted(words)


def is_text(value: bytes, vocabulary) -> bool:
    """Keeps corpus tokens whose letters are mostly in words seen in several files: random
    hashes and base64 split into pieces nobody else uses."""
    letters = sum(1 for b in value if chr(b).isalpha())
    if letters < 3:
        return False
    known = sum(len(w) for w in subwords(value) if len(w) >= 3 and w in vocabulary)
    return known * 10 >= letters * 7


ALPHABETS = {
    "hex": "0123456789abcdef",
    "HEX": "0123456789ABCDEF",
    "base64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    "base64url": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    "base62": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "lower36": "abcdefghijklmnopqrstuvwxyz0123456789",
    "upper36": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "password": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*()-_=+[]{};:,.?/~",
}


def random_tokens(rng, count):
    names = sorted(ALPHABETS)
    for i in range(count):
        alphabet = ALPHABETS[names[i % len(names)]]
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(8, 64))).encode()


def compounds(rng, words, count):
    """Config-style names and values made of words: `max_retry_count`, `Befaehigung_P2`,
    `NEXUS-GPT4-API-KEY`, `ctrl+shift+down`, `userProfileV2`."""
    styles = ["snake", "kebab", "camel", "pascal", "upper", "dotted", "plus", "title_snake"]
    for i in range(count):
        parts = [rng.choice(words).decode().lower() for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            parts.append(rng.choice(["v2", "2", "10", "p2", "5", "32", "x64", "3", "gpt4", "2024"]))
        style = styles[i % len(styles)]
        text = {
            "snake": "_".join(parts),
            "kebab": "-".join(parts),
            "camel": parts[0] + "".join(p.capitalize() for p in parts[1:]),
            "pascal": "".join(p.capitalize() for p in parts),
            "upper": "_".join(parts).upper(),
            "dotted": ".".join(parts),
            "plus": "+".join(parts),
            "title_snake": "_".join(p.capitalize() for p in parts),
        }[style]
        yield text.encode()


def score(table, value: bytes) -> float:
    return sum(table[(a * N + b) * N + c] for a, b, c in trigrams(symbols(value))) / SCALE


def committed_table():
    text = OUT.read_text()
    return [int(v) for v in re.findall(r"-?\d+", text.split("= [", 1)[1])]


def main():
    rng = random.Random(20261)
    corpus, files_with = read_corpus()
    words = dictionary_words()
    vocabulary = {w for w, n in files_with.items() if n >= 3} | {w.lower() for w in words}
    if "--evaluate" in sys.argv[1:]:
        evaluate(committed_table(), corpus["test"], vocabulary, rng)
        return

    text, random_model = Model(), Model()
    train_text = [t for t in corpus["train"] if is_text(t, vocabulary)]
    for t in train_text:
        text.add(t)
    for w in words:
        text.add(w)
        text.add(w.capitalize() if rng.random() < 0.5 else w.upper())
    for t in compounds(rng, words, 400_000):
        text.add(t)
    for t in random_tokens(rng, 400_000):
        random_model.add(t)
    print(f"text model: {len(train_text)} corpus tokens, {len(words)} dictionary words, 400000 compounds;"
          f" random model: 400000 tokens", file=sys.stderr)

    lt, lr = text.log_probs(), random_model.log_probs()
    table = [max(-127, min(127, round((t - r) * SCALE))) for t, r in zip(lt, lr)]
    write_table(table)
    evaluate(table, corpus["test"], vocabulary, rng)


def write_table(table):
    lines = [
        "// @generated by scripts/train-value-model.py: do not edit; the script's doc says how to retrain.",
        "// log2 P_text(c | a b) - log2 P_random(c | a b), in eighths of a bit, indexed (a * N + b) * N + c.",
        "",
        f"pub(crate) const SYMBOLS: usize = {N};",
        f"pub(crate) const SCALE: f32 = {SCALE}.0;",
        f"pub(crate) static TRIGRAM_LOG_ODDS: [i8; {N * N * N}] = [",
    ]
    for i in range(0, len(table), 24):
        lines.append("    " + " ".join(f"{v}," for v in table[i:i + 24]))
    lines.append("];")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


def evaluate(table, held_out, vocabulary, rng):
    """Held-out figures: share of each set read as text, by the raw score (> 0) and by the
    runtime test (`value_model::reads_as_text`: score > -length / 2)."""
    def share(values):
        values = list(values)
        raw = sum(1 for v in values if score(table, v) > 0)
        runtime = sum(1 for v in values if score(table, v) > -len(v) / 2)
        pct = lambda n: 100 * n / max(1, len(values))
        return f"{len(values)} values: {pct(raw):.1f} % score > 0, {pct(runtime):.1f} % read as text"

    tokens = [t for t in held_out if len(t) >= 12]
    print("held-out corpus tokens of 12+ characters that pass the word filter:",
          share(t for t in tokens if is_text(t, vocabulary)))
    print("held-out corpus tokens of 12+ characters that fail it (hashes, base64, minified names):",
          share(t for t in tokens if not is_text(t, vocabulary)))
    for name in sorted(ALPHABETS):
        alphabet = ALPHABETS[name]
        for length in (12, 16, 24, 32, 40):
            fresh = ["".join(rng.choice(alphabet) for _ in range(length)).encode() for _ in range(2000)]
            print(f"random {name:9} length {length:2}: {share(fresh)}")
    if FORMATS.exists():
        examples = [e["fake_example"].encode() for e in json.loads(FORMATS.read_text()) if e.get("fake_example")]
        print("formats.json fake examples (whole tokens):", share(e for e in examples if len(e) >= 12))


if __name__ == "__main__":
    main()
