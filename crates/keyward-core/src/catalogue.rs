//! The catalogue described from its data, for the tests, `make eval` and the generated rule
//! list (`docs/rules.md`): the natural lines a provider's key is tried in, and the list itself.

use alloc::format;
use alloc::string::String;

use crate::rule::BUILTIN_RULES;
use crate::Anchor;

/// Lines where a provider's key is written, naming the provider: `{NAME}`, `{Name}` and
/// `{name}` are its name in capitals, capitalised and as written; `{v}` is the value. The
/// first four are the ones users write most (.env, JSON, Python, JS); then the other
/// spellings of the name and the structures around a value (YAML/INI/JSON blocks, the
/// previous line of a .env block).
pub const NATURAL_LINES: &[&str] = &[
    "{NAME}_API_KEY={v}\n",
    "{\"{name}_token\": \"{v}\"}",
    "client = {Name}(api_key=\"{v}\")",
    "{name}: { apiKey: '{v}' }",
    "export {NAME}_TOKEN=\"{v}\"\n",
    "const {name}Key = \"{v}\";",
    "curl -H \"X-{Name}-Token: {v}\" https://api.example.com/v1",
    "{name}:\n  region: us\n  api_key: {v}\n",
    "[{name}]\nregion = \"us\"\napi_key = \"{v}\"\n",
    "{\n  \"{name}\": {\n    \"region\": \"us\",\n    \"key\": \"{v}\"\n  }\n}\n",
    "# {Name}\nAPI_KEY={v}\n",
];

/// A natural line for the provider `name` holding `value`, and the value's offset in it.
pub fn natural_line(template: &str, name: &str, value: &str) -> (String, usize) {
    let capitalised = format!("{}{}", name[..1].to_ascii_uppercase(), &name[1..]);
    let text = template
        .replace("{NAME}", &name.to_ascii_uppercase())
        .replace("{Name}", &capitalised)
        .replace("{name}", name);
    let offset = text.find("{v}").expect("a template holds {v}");
    (text.replacen("{v}", value, 1), offset)
}

/// `docs/rules.md`: every built-in rule, by category, from the data.
pub fn rules_markdown() -> String {
    let mut rules: alloc::vec::Vec<_> = BUILTIN_RULES.iter().collect();
    rules.sort_by_key(|r| (&r.category, &r.provider, &r.id));
    let providers: alloc::collections::BTreeSet<_> = rules.iter().map(|r| &r.provider).collect();
    let mut out = format!(
        "# keyward rules\n\nGenerated from `crates/keyward-core/rules/` by \
         `cargo run -p keyward-core --features catalogue-examples --example rules_doc > docs/rules.md`\n\
         (a test fails when it is out of date). {} rules for {} providers.\n\n\
         *Kind*: `prefix` (a prefix or marker of the provider's own, reported anywhere), `context` (a\n\
         shape shared with other values, reported only near the provider's name), `generic` (a\n\
         secret-looking value assigned to a secret-looking name).\n",
        rules.len(),
        providers.len()
    );
    let mut category = "";
    for rule in rules {
        if rule.category != category {
            category = &rule.category;
            out.push_str(&format!(
                "\n## {category}\n\n| id | provider | title | kind | confidence | severity |\n|---|---|---|---|---|---|\n"
            ));
        }
        let kind = match rule.anchor {
            Anchor::Prefix | Anchor::Inside => "prefix",
            Anchor::Context => "context",
            Anchor::Generic => "generic",
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {kind} | {} | {} |\n",
            rule.id,
            rule.provider,
            rule.title.replace('|', "\\|"),
            rule.confidence.as_str(),
            rule.severity.as_str()
        ));
    }
    out
}
