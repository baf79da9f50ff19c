//! Prints `docs/rules.md`, the rule list generated from the catalogue's data.
//! Run: `cargo run -p keyward-core --features catalogue-examples --example rules_doc > docs/rules.md`
fn main() {
    print!("{}", keyward_core::catalogue::rules_markdown());
}
