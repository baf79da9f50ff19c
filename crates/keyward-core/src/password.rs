//! Passwords: is a value assigned to a password-like name (or written as the password of a URL,
//! `curl -u`, a Basic header) a real one, a random-looking one, or a demo?
//!
//! Calibration (docs/confidence.md): a random-looking password is `medium`; a literal that could
//! be a password but reads like words or holds a demo word is `low`; placeholders, variable
//! references, code, and weak or well-known demo values are not reported. A password for a local
//! or documentation host (`localhost`, `127.0.0.1`, `example.com`, `*.test`) is never above `low`,
//! and a well-known demo pair (`scott:tiger`, `user:password`, `root:root`) is not reported.

use crate::rule::Confidence;
use crate::validate::{has_placeholder_marks, is_member_chain, is_variable_reference, SHORT_SECRET};
use crate::value_model::reads_as_text;
use crate::word_set::WordSet;

/// Whole passwords that are defaults, demos or famous examples (compared ignoring ASCII case,
/// after undoing leetspeak and dropping trailing digits and punctuation: `P@ssw0rd123!` is
/// `password`).
const WEAK_PASSWORDS: &[&[u8]] = &[
    b"password", b"passwd", b"pass", b"pwd", b"secret", b"changeme", b"changeit", b"example", b"hunter", b"admin",
    b"administrator", b"root", b"toor", b"test", b"tester", b"testing", b"guest", b"default", b"letmein", b"qwerty",
    b"qwertz", b"azerty", b"welcome", b"tiger", b"scott", b"foo", b"bar", b"foobar", b"baz", b"user", b"username",
    b"demo", b"sample", b"dummy", b"fake", b"mypassword", b"mypass", b"mysecret", b"yourpassword", b"postgres",
    b"mysql", b"redis", b"oracle", b"sa", b"dbpass", b"dbpassword", b"abc", b"abcd", b"abcdef", b"asdf", b"asdfgh",
    b"iloveyou", b"monkey", b"dragon", b"master", b"access", b"login", b"none", b"null", b"nil",
    b"empty", b"blank", b"todo", b"tbd", b"fixme", b"secretpassword", b"supersecret", b"topsecret", b"sekret",
    b"passw", b"correcthorsebatterystaple", b"opensesame", b"trustno", b"open", b"public", b"private",
    b"insecure", b"unsafe", b"notsecure", b"unused", b"ignored", b"anonymous", b"anon", b"nobody", b"true",
    b"false", b"undefined", b"yes", b"no", b"on", b"off", b"required", b"optional", b"string", b"str",
];

/// Words that make a password a demo wherever they appear in it (`YourStrong!Passw0rd`,
/// `test-pass-123`): such a value is at most `low`.
static DEMO_WORDS: WordSet = WordSet::new(
    &[
        b"changeme", b"example", b"sample", b"test", b"demo", b"default", b"qwerty", b"letmein", b"welcome",
        b"admin", b"hunter", b"tiger", b"your", b"foobar", b"insecure", b"dummy", b"fake", b"mypass", b"placeholder",
        b"12345", b"abcde",
    ],
    0,
);

/// A value holding these is the name of a password field, not a password
/// (`mysecretpassword`, `inp[type=password]`).
static NAME_WORDS: WordSet = WordSet::new(&[b"passw", b"secret"], 0);

/// Pairs of user and password from tutorials and default installs. A pair whose password equals
/// its user (`root:root`, `postgres:postgres`) is a demo too.
const DEMO_PAIRS: &[(&[u8], &[u8])] = &[
    (b"scott", b"tiger"), (b"user", b"password"), (b"username", b"password"), (b"user", b"pass"), (b"foo", b"bar"),
    (b"admin", b"password"), (b"admin", b"secret"), (b"root", b"password"), (b"root", b"secret"), (b"user", b"secret"),
    (b"myuser", b"mypassword"), (b"myuser", b"mypass"), (b"dbuser", b"dbpass"), (b"dbuser", b"dbpassword"),
    (b"sa", b"yourstrong(!)password"), (b"test", b"password"), (b"alice", b"secret"), (b"bob", b"secret"),
    (b"john", b"doe"), (b"jdoe", b"password"), (b"demo", b"demo"), (b"guest", b"guest"), (b"admin", b"admin123"),
];

/// Hosts where a password is not a leak of anything live: the machine itself, reserved
/// documentation and test names (RFC 2606, RFC 6761), mDNS.
pub(crate) fn is_local_or_documentation_host(host: &[u8]) -> bool {
    let host = host.strip_prefix(b"[").and_then(|h| h.strip_suffix(b"]")).unwrap_or(host);
    // Compared in place, ignoring case: this runs on every word of a finding's line.
    let is = |name: &[u8]| host.eq_ignore_ascii_case(name);
    let ends = |suffix: &[u8]| host.len() >= suffix.len() && host[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix);
    is(b"localhost")
        || is(b"::1")
        || is(b"0.0.0.0")
        || host.starts_with(b"127.")
        || is(b"example.com")
        || is(b"example.org")
        || is(b"example.net")
        || [&b".localhost"[..], b".example", b".example.com", b".example.org", b".example.net", b".local", b".test", b".invalid"]
            .iter()
            .any(|s| ends(s))
}

/// What every host that [`is_local_or_documentation_host`] accepts contains, ignoring case (its
/// hosts are names and addresses, without `:` or `[`, except `[::1]`). All have 4 bytes or more.
static LOCAL_HOST_MARKS: WordSet =
    WordSet::new(&[b"local", b"exampl", b"127.", b"0.0.0.0", b".test", b".invalid", b"[::1]"], 0);

/// The first position of `starts` where a mark of a local or documentation host begins in
/// `text`: without one, no word of the text can be such a host.
pub(crate) fn local_host_mark(text: &[u8], starts: core::ops::Range<usize>) -> Option<usize> {
    LOCAL_HOST_MARKS.first_start(text, starts)
}

/// `P@ssw0rd!23` -> `password`: undoes common leetspeak, lower-cases, and drops trailing
/// digits and punctuation, so that weak and demo words are recognised under decoration.
fn plain_form(value: &[u8]) -> alloc::vec::Vec<u8> {
    let mut plain: alloc::vec::Vec<u8> = value
        .iter()
        .map(|&b| match b {
            b'@' | b'4' => b'a',
            b'0' => b'o',
            b'1' | b'!' => b'i',
            b'3' => b'e',
            b'5' | b'$' => b's',
            b'7' => b't',
            _ => b.to_ascii_lowercase(),
        })
        .collect();
    // Trailing decoration: digits and punctuation of the original value.
    let keep = value.len() - value.iter().rev().take_while(|b| !b.is_ascii_alphabetic()).count();
    plain.truncate(keep);
    plain
}

/// True for a password that is a default, a demo or a famous example: `password`, `changeme`,
/// `P@ssw0rd1`, `hunter2`, `scott`, `Secret123!`.
pub fn is_weak_password(value: &[u8]) -> bool {
    is_weak(value, &plain_form(value))
}

/// [`is_weak_password`] given the value's [`plain_form`].
fn is_weak(value: &[u8], plain: &[u8]) -> bool {
    // `plain` without its punctuation, compared in place (most words differ from it in length).
    let bare = || plain.iter().filter(|b| b.is_ascii_alphanumeric());
    let bare_len = bare().count();
    let bare_is = |w: &[u8]| bare_len == w.len() && bare().zip(w).all(|(a, b)| a.eq_ignore_ascii_case(b));
    WEAK_PASSWORDS.iter().any(|w| bare_is(w) || value.eq_ignore_ascii_case(w)) || value.iter().all(|b| b.is_ascii_digit())
}

/// True for a user and password from a tutorial (`scott`/`tiger`, `user`/`password`, a password
/// equal to its user).
pub fn is_demo_pair(user: &[u8], password: &[u8]) -> bool {
    (!user.is_empty() && user.eq_ignore_ascii_case(password))
        || DEMO_PAIRS.iter().any(|(u, p)| user.eq_ignore_ascii_case(u) && password.eq_ignore_ascii_case(p))
}

/// `0x0B96`, `1e-9`, `^10.2.2`, `v1.2.3-beta`, `>=2.0`: numbers and version requirements.
fn is_number_or_version(value: &[u8]) -> bool {
    let body = value.trim_ascii_start();
    let body = body.strip_prefix(b"0x").or_else(|| body.strip_prefix(b"0X"));
    if let Some(hex) = body {
        return !hex.is_empty() && hex.iter().all(|b| b.is_ascii_hexdigit() || *b == b'_');
    }
    let rest: &[u8] = value.iter().position(|b| b.is_ascii_digit()).map_or(&[], |i| &value[i..]);
    let lead = &value[..value.len() - rest.len()];
    lead.iter().all(|b| matches!(b, b'^' | b'~' | b'>' | b'<' | b'=' | b'v' | b'V' | b'-' | b'+'))
        && !rest.is_empty()
        && rest.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'e' | b'E' | b'-' | b'+'))
        || (rest.iter().filter(|b| **b == b'.').count() >= 2 && lead.is_empty()
            && rest.split(|b| *b == b'-').next().is_some_and(|v| v.iter().all(|b| b.is_ascii_digit() || *b == b'.')))
}

/// `Tr0ub4dor&3` -> `Troubador_3`, `MyDog&Rex` -> `MyDog_Rex`: leetspeak inside words undone
/// (case kept, so random values stay random) and punctuation read as a word break.
fn as_words(value: &[u8]) -> alloc::vec::Vec<u8> {
    let letter = |i: usize| value.get(i).is_some_and(u8::is_ascii_alphabetic);
    (0..value.len())
        .map(|i| match value[i] {
            b if b.is_ascii_alphabetic() => b,
            b if i > 0 && letter(i - 1) && letter(i + 1) => match b {
                b'0' => b'o',
                b'1' => b'l',
                b'3' => b'e',
                b'4' | b'@' => b'a',
                b'5' | b'$' => b's',
                b'7' => b't',
                b if b.is_ascii_digit() => b,
                _ => b'_',
            },
            b if b.is_ascii_digit() => b,
            _ => b'_',
        })
        .collect()
}

/// `%XX` escapes decoded; anything else kept.
fn percent_decoded(value: &[u8]) -> alloc::vec::Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = alloc::vec::Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        match (value[i], value.get(i + 1).and_then(|&b| hex(b)), value.get(i + 2).and_then(|&b| hex(b))) {
            (b'%', Some(high), Some(low)) => {
                out.push(high << 4 | low);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Unquoted text that is code rather than a literal: a call, an index, a path, a type
/// (`getPassword()`, `form['password']`, `Option<String>`, `&str`). A member access
/// (`self.password`) reads as text, which [`judge_password`] tests first.
fn is_code(value: &[u8]) -> bool {
    value.iter().any(|b| matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'<' | b'>'))
        || value.starts_with(b"&")
        || value.starts_with(b"*")
        || memchr::memmem::find(value, b"::").is_some()
        || memchr::memmem::find(value, b"->").is_some()
}

/// A file path (`/Users/maciej`, `~/.ssh/id`, `C:\\Users\\app`): what `PWD` and `OLDPWD` hold,
/// the shell's working folder. Only path characters, and a root or home to start from.
fn is_file_path(value: &[u8]) -> bool {
    let rooted = value.starts_with(b"/")
        || value.starts_with(b"~/")
        || value.starts_with(b"./")
        || value.starts_with(b"../")
        || matches!(value, [drive, b':', b'\\' | b'/', ..] if drive.is_ascii_alphabetic());
    let separators = value.iter().filter(|&&b| matches!(b, b'/' | b'\\')).count();
    rooted
        && separators >= 2
        && value.iter().all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'\\' | b'_' | b'.' | b'-' | b'~' | b':' | b' '))
}

/// Lower, upper, digit, other: how many of the four a value uses.
fn character_classes(value: &[u8]) -> usize {
    let has = |f: fn(&u8) -> bool| usize::from(value.iter().any(f));
    has(u8::is_ascii_lowercase)
        + has(u8::is_ascii_uppercase)
        + has(u8::is_ascii_digit)
        + has(|b| !b.is_ascii_alphanumeric())
}

/// The confidence of `value` as a password, or `None` when it is not one worth reporting.
/// `quoted`: the value was written between quotes, so it is a literal, not code.
pub fn password_confidence(value: &[u8], quoted: bool) -> Option<Confidence> {
    judge_password(value, quoted, false)
}

/// [`password_confidence`], told whether [`has_placeholder_marks`] already looked at `value` and
/// found none (`marks_checked`): the judgement of a finding does that before judging a password,
/// and each look runs word searches over the value.
pub(crate) fn judge_password(value: &[u8], quoted: bool, marks_checked: bool) -> Option<Confidence> {
    if value.windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit()) {
        // URL-encoded (`pass%20word`): judge what it encodes.
        return judge_password(&percent_decoded(value), quoted, false);
    }
    let plain = plain_form(value);
    if value.len() < 6
        || value.len() > 256
        || (!marks_checked && has_placeholder_marks(value))
        // A short value's references are among its placeholder marks.
        || (value.len() > SHORT_SECRET && is_variable_reference(value))
        || is_weak(value, &plain)
        || is_number_or_version(value)
        || is_member_chain(value)
        || is_file_path(value)
        || value.iter().any(|b| b.is_ascii_control())
        || value.windows(2).any(|w| w[0] == b'\\' && matches!(w[1], b'n' | b'r' | b't' | b'\\'))
    {
        return None; // stand-ins, references, numbers, names, escaped text
    }
    let text = reads_as_text(value) || reads_as_text(&as_words(value));
    let identifier = value.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if (!quoted && (text || is_code(value))) || (text && identifier) {
        return None; // a variable, a type, an expression, or a name
    }
    if NAME_WORDS.occurs_in(&plain) || NAME_WORDS.occurs_in(value) {
        return None;
    }
    let demo = DEMO_WORDS.occurs_in(&plain) || DEMO_WORDS.occurs_in(value);
    if value.len() >= 8 && character_classes(value) >= 3 && !text && !demo {
        Some(Confidence::Medium)
    } else {
        Some(Confidence::Low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_passwords_are_medium() {
        for p in [&b"Tq9%mWz#4LbX2vPe"[..], b"Vq7#Lp2!xR9zKm", b"eCk!dNiZhBc0P!ON", b"Zq8vR2mT7kLp4xWc", b"h7$Kd9&mQ2"] {
            assert_eq!(password_confidence(p, true), Some(Confidence::Medium), "{}", core::str::from_utf8(p).unwrap());
            assert_eq!(password_confidence(p, false), Some(Confidence::Medium), "{}", core::str::from_utf8(p).unwrap());
        }
    }

    #[test]
    fn file_paths_are_not_passwords() {
        // `PWD` is also the shell's working folder (`PWD: '/Users/maciej'` in Node's docs).
        for p in [&b"/Users/maciej"[..], b"~/.config/App", b"/home/runner/work/app", b"C:\\Users\\Build", b"../Data/Keys"] {
            assert_eq!(password_confidence(p, true), None, "{}", core::str::from_utf8(p).unwrap());
        }
        for p in [&b"/Tq9%mWz#4LbX"[..], b"/x7Kq/Lp2!R9zKm"] {
            assert_eq!(password_confidence(p, true), Some(Confidence::Medium), "{}", core::str::from_utf8(p).unwrap());
        }
    }

    #[test]
    fn word_like_and_demo_passwords_are_low() {
        for p in [&b"Summer2024!"[..], b"Tr0ub4dor&3", b"MyDog&Rex", b"test!pass#8812", b"q9rl2mzt8x"] {
            assert_eq!(password_confidence(p, true), Some(Confidence::Low), "{}", core::str::from_utf8(p).unwrap());
        }
    }

    #[test]
    fn placeholders_weak_words_and_code_are_not_reported() {
        for p in [
            &b"password"[..], b"changeme", b"P@ssw0rd", b"Password123!", b"hunter2", b"secret123", b"${DB_PASSWORD}",
            b"<password>", b"********", b"xxxxxxxx", b"your-password-here", b"YourStrong!Passw0rd", b"123456789", b"tiger", b"example",
        ] {
            assert_eq!(password_confidence(p, true), None, "{}", core::str::from_utf8(p).unwrap());
        }
        for code in [
            &b"getPassword()"[..], b"form['password']", b"self.password", b"Option<String>", b"&str", b"String",
            b"config.db.password", b"os.environ.get", b"user_password", b"req.body.password", b"true\\r\\n",
        ] {
            assert_eq!(password_confidence(code, false), None, "{}", core::str::from_utf8(code).unwrap());
        }
        for literal in [&b"password_confirmation"[..], b"0x0B96", b"^10.2.2", b"1.20.3-beta", b"gitcvs.dbUser", b"inp[type=password]", b"mysecretvalue", b"\\n\\t\\t//"] {
            assert_eq!(password_confidence(literal, true), None, "{}", core::str::from_utf8(literal).unwrap());
        }
    }

    #[test]
    fn weak_passwords_compared_in_place_as_when_copied() {
        let copied = |value: &[u8], plain: &[u8]| {
            let bare: alloc::vec::Vec<u8> = plain.iter().copied().filter(u8::is_ascii_alphanumeric).collect();
            WEAK_PASSWORDS.iter().any(|w| bare.eq_ignore_ascii_case(w) || value.eq_ignore_ascii_case(w)) || value.iter().all(u8::is_ascii_digit)
        };
        let decorated: alloc::vec::Vec<alloc::string::String> =
            WEAK_PASSWORDS.iter().map(|w| alloc::format!("{}!2-", core::str::from_utf8(w).unwrap().to_uppercase())).collect();
        let texts = crate::CATALOGUE_EXAMPLES.iter().flat_map(|r| r.examples.iter().chain(r.negatives).chain(r.values).copied());
        let mut weak = 0;
        for value in texts.chain(decorated.iter().map(|d| d.as_str())).chain(["P@ss-w0rd!", "h_u_n_t_e_r", "", "123"]) {
            let (value, plain) = (value.as_bytes(), plain_form(value.as_bytes()));
            assert_eq!(is_weak(value, &plain), copied(value, &plain), "{value:?}");
            weak += usize::from(copied(value, &plain));
        }
        assert!(weak > WEAK_PASSWORDS.len());
    }

    #[test]
    fn demo_pairs_and_local_hosts() {
        assert!(is_demo_pair(b"scott", b"tiger"));
        assert!(is_demo_pair(b"Postgres", b"postgres"));
        assert!(!is_demo_pair(b"app", b"Tq9%mWz#4LbX2vPe"));
        for host in [&b"localhost"[..], b"127.0.0.1", b"[::1]", b"db.example.com", b"example.org", b"api.test", b"printer.local"] {
            assert!(is_local_or_documentation_host(host), "{}", core::str::from_utf8(host).unwrap());
        }
        for host in [&b"db.prod.internal"[..], b"10.0.3.7", b"examples.com", b"cluster0.nfop9.mongodb.net", b"latest.io"] {
            assert!(!is_local_or_documentation_host(host), "{}", core::str::from_utf8(host).unwrap());
        }
    }
}
