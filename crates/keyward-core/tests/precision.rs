//! Precision in the places keys really leak (issue 11): config files, compose files and
//! manifests, CI logs, shell history, HTTP dumps and HAR files, notebooks, code — and the
//! look-alikes next to them that must stay quiet (types, forms, docs demos, examples, blobs).
//! Each case says which rule must report what, at which confidence, or that nothing at medium
//! or above (or nothing at all) may be reported.

use keyward_core::{Confidence, Scanner};

/// Random-looking passwords and tokens written for these tests (no provider's format).
const PASSWORD: &str = "Tq9%mWz#4LbX2vPe";
const PASSWORD2: &str = "Vq7#Lp2!xR9zKm";
const TOKEN: &str = "Zq8vR2mT7kLp4xWc9bNd3hFs";

/// The text for an assertion message: at most 400 bytes of it.
fn shown(text: &str) -> &str {
    let end = (0..=text.len().min(400)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    &text[..end]
}

fn findings(text: &str) -> Vec<(String, Confidence, String)> {
    let scanner = Scanner::default();
    scanner
        .scan(text.as_bytes())
        .iter()
        .map(|f| (f.rule.id.to_string(), f.confidence, text[f.start..f.end].to_string()))
        .collect()
}

#[track_caller]
fn reports(text: &str, rule: &str, confidence: Confidence, secret: &str) {
    let found = findings(text);
    assert!(
        found.iter().any(|(r, c, s)| r == rule && *c == confidence && s == secret),
        "expected {rule} ({confidence:?}) on {secret:?} in:\n{}\nfound: {found:?}", shown(text)
    );
}

#[track_caller]
fn nothing_above_low(text: &str) {
    let found = findings(text);
    assert!(found.iter().all(|(_, c, _)| *c == Confidence::Low), "expected nothing above low in:\n{}\nfound: {found:?}", shown(text));
}

#[track_caller]
fn nothing(text: &str) {
    let found = findings(text);
    assert!(found.is_empty(), "expected no finding in:\n{}\nfound: {found:?}", shown(text));
}

#[test]
fn passwords_in_config_files_of_every_syntax() {
    use Confidence::Medium;
    for text in [
        format!("DB_HOST=db.prod.acme.io\nDB_PASSWORD={PASSWORD}\n"),
        format!("export DB_PASSWORD='{PASSWORD}'\n"),
        format!("export DB_PASSWORD=\"{PASSWORD}\"\n"),
        format!("spring.datasource.password={PASSWORD}\n"),
        format!("spring:\n  datasource:\n    url: jdbc:postgresql://db.prod.acme.io/app\n    password: {PASSWORD}\n"),
        format!("[client]\nuser = backup\npassword = \"{PASSWORD}\"\n"),
        format!("{{\n  \"ConnectionStrings\": {{}},\n  \"SmtpPassword\": \"{PASSWORD}\"\n}}\n"),
        format!("<settings><servers><server><id>nexus</id><username>ci</username><password>{PASSWORD}</password></server></servers></settings>"),
        format!("<add key=\"AdminPassword\" value=\"{PASSWORD}\" />"),
        format!("define( 'DB_PASSWORD', '{PASSWORD}' );"),
        format!("all:\n  vars:\n    ansible_become_pass: \"{PASSWORD}\"\n"),
        format!("db01 ansible_host=10.0.0.5 ansible_password={PASSWORD}\n"),
        format!("requirepass {PASSWORD}\n"),
        format!("\u{FEFF}requirepass {PASSWORD}\n"),
    ] {
        reports(&text, "generic-password", Medium, PASSWORD);
    }
}

#[test]
fn passwords_in_code_of_every_quoting() {
    use Confidence::Medium;
    for text in [
        format!("DB_PASSWORD = \"{PASSWORD2}\"\n"),
        format!("db_password: str = '{PASSWORD2}'\n"),
        format!("const dbPassword = `{PASSWORD2}`;\n"),
        format!("$password = '{PASSWORD2}';\n"),
        format!("'password' => '{PASSWORD2}',\n"),
        format!("password := \"{PASSWORD2}\"\n"),
        format!("dataSource.setPassword(\"{PASSWORD2}\");\n"),
        format!("conn = connect(host=\"db.prod.acme.io\", user=\"app\", password=\"{PASSWORD2}\")\n"),
        format!("ALTER USER app WITH PASSWORD '{PASSWORD2}';\n"),
        format!("signingConfigs {{\n    release {{\n        storePassword \"{PASSWORD2}\"\n        keyPassword \"{PASSWORD2}\"\n"),
    ] {
        reports(&text, "generic-password", Medium, PASSWORD2);
    }
}

#[test]
fn compose_files_manifests_and_terraform() {
    use Confidence::{Low, Medium};
    let compose = format!(
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: \"{PASSWORD}\"\n  cache:\n    environment:\n      - REDIS_PASSWORD={PASSWORD2}\n"
    );
    reports(&compose, "generic-password", Medium, PASSWORD);
    reports(&compose, "generic-password", Medium, PASSWORD2);
    let deployment = format!(
        "spec:\n  containers:\n    - name: api\n      env:\n        - name: DATABASE_PASSWORD\n          value: \"{PASSWORD}\"\n        - name: PAYMENTS_API_KEY\n          value: {TOKEN}\n"
    );
    reports(&deployment, "generic-password", Medium, PASSWORD);
    reports(&deployment, "generic-secret-assignment", Low, TOKEN);
    let ecs = format!("\"environment\": [{{\"name\": \"DB_PASSWORD\", \"value\": \"{PASSWORD}\"}}]");
    reports(&ecs, "generic-password", Medium, PASSWORD);
    let terraform = format!("resource \"aws_db_instance\" \"main\" {{\n  username = \"app\"\n  password = \"{PASSWORD}\"\n}}\n");
    reports(&terraform, "generic-password", Medium, PASSWORD);
    let variable = format!(
        "variable \"db_password\" {{\n  description = \"Master password\"\n  type        = string\n  sensitive   = true\n  default     = \"{PASSWORD}\"\n}}\n"
    );
    reports(&variable, "generic-password", Medium, PASSWORD);
    let token_variable = format!("variable \"datadog_api_key\" {{ default = \"{TOKEN}\" }}\n");
    reports(&token_variable, "generic-secret-assignment", Low, TOKEN);
    reports(&format!("kubectl create secret generic db --from-literal=password={PASSWORD}\n"), "generic-password", Medium, PASSWORD);
}

#[test]
fn http_requests_logs_and_shell_history() {
    use Confidence::{Low, Medium};
    reports(&format!("curl -H 'X-Api-Key: {TOKEN}' https://api.acme.io/v1/orders"), "generic-secret-assignment", Low, TOKEN);
    reports(&format!("curl -H \"api-key: {TOKEN}\" https://acme.openai.azure.com/"), "generic-secret-assignment", Low, TOKEN);
    reports(&format!("GET /v1/search?q=x&api_key={TOKEN} HTTP/1.1"), "generic-secret-assignment", Low, TOKEN);
    reports(&format!("https://hooks.acme.io/cb?token={TOKEN}&x=1"), "generic-secret-assignment", Low, TOKEN);
    reports(&format!("redirect_uri=https://app.acme.io/#access_token={TOKEN}&token_type=bearer"), "generic-secret-assignment", Low, TOKEN);
    reports(&format!("2024-05-01T12:00:03Z [DEBUG] upstream: Using key={TOKEN}"), "generic-secret-assignment", Low, TOKEN);
    reports(&format!("> Authorization: Bearer {TOKEN}x9QzA\n"), "http-bearer-token", Medium, &format!("{TOKEN}x9QzA"));
    // svc-billing:Tq9%mWz#4LbX2vPe
    let basic = "c3ZjLWJpbGxpbmc6VHE5JW1XeiM0TGJYMnZQZQ==";
    reports(&format!("Authorization: Basic {basic}\r\n"), "http-basic-auth", Medium, basic);
    let har = format!(
        "{{\"request\": {{\"headers\": [\n  {{\"name\": \"Authorization\", \"value\": \"Basic {basic}\"}},\n  {{\"name\": \"x-api-key\",\n   \"value\": \"{TOKEN}\"}}\n], \"queryString\": [{{\"name\": \"access_token\", \"value\": \"{TOKEN}Q\"}}]}}}}"
    );
    reports(&har, "http-basic-auth", Medium, basic);
    reports(&har, "generic-secret-assignment", Low, TOKEN);
    reports(&har, "generic-secret-assignment", Low, &format!("{TOKEN}Q"));
    let history = format!(
        "cd app\nexport API_TOKEN={TOKEN}\ncurl -u deploy:{PASSWORD} https://nexus.acme.io/repository/\n./manage.py migrate --password {PASSWORD2}\n"
    );
    reports(&history, "generic-secret-assignment", Low, TOKEN);
    reports(&history, "curl-user-password", Medium, PASSWORD);
    reports(&history, "generic-password", Medium, PASSWORD2);
}

#[test]
fn passwords_on_command_lines() {
    reports(&format!("$ mysql -u root -p{PASSWORD} -h db.internal\n"), "command-line-password", Confidence::Medium, PASSWORD);
    reports(&format!("sshpass -p '{PASSWORD2}' ssh deploy@10.0.0.5"), "command-line-password", Confidence::Medium, PASSWORD2);
    reports(&format!("RUN docker login -u ci -p {PASSWORD} registry.acme.io"), "command-line-password", Confidence::Medium, PASSWORD);
    // A word-like password is still a password, at low confidence; demo ones and prompts are nothing.
    reports("mysql -u app -pSummer2024! app", "command-line-password", Confidence::Low, "Summer2024!");
    nothing("mysql -u root -proot\nmysql -u root -p billing\ndocker login -u ci --password-stdin ghcr.io");
}

#[test]
fn notebooks_and_escaped_json() {
    let notebook = format!(
        "{{\"cells\": [{{\"cell_type\": \"code\", \"source\": [\"import psycopg2\\n\", \"conn = psycopg2.connect(password=\\\"{PASSWORD2}\\\")\\n\"]}}]}}"
    );
    reports(&notebook, "generic-password", Confidence::Medium, PASSWORD2);
}

#[test]
fn urls_with_credentials_by_host() {
    use Confidence::{Low, Medium};
    reports(&format!("HTTPS_PROXY=http://proxy:{PASSWORD}@proxy.corp.acme.io:3128"), "basic-auth-url", Medium, PASSWORD);
    reports(&format!("DATABASE_URL=postgresql://app:{PASSWORD2}@db.prod.acme.io:5432/app"), "postgres-connection-string", Medium, PASSWORD2);
    // Local and documentation hosts: never above low.
    for host in ["localhost", "127.0.0.1", "[::1]", "db.example.com", "example.org", "pg.local", "db.test"] {
        let text = format!("DATABASE_URL=postgresql://app:{PASSWORD2}@{host}:5432/app");
        reports(&text, "postgres-connection-string", Low, PASSWORD2);
    }
    reports(&format!("Server=localhost;Database=app;User Id=app;Password={PASSWORD2};"), "sqlserver-connection-string", Low, PASSWORD2);
}

#[test]
fn demo_credentials_and_documented_keys_are_quiet() {
    for text in [
        "engine = create_engine('postgresql+psycopg2://scott:tiger@localhost/test')",
        "DATABASE_URL=postgresql://user:password@db.acme.io/app",
        "mongodb://root:root@mongo:27017",
        "amqp://guest:guest@localhost:5672//",
        "curl -u admin:admin http://localhost:8080/",
        "Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "stripe.api_key = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"",
        "API_KEY=a1b2c3d4e5f6a7b8c9d0e1f2",
        "SECRET_KEY=0123456789abcdef0123456789abcdef",
        "api_token: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "password: changeme\nMYSQL_ROOT_PASSWORD=example\nPOSTGRES_PASSWORD=postgres\nDB_PASSWORD=secret123",
        "MSSQL_SA_PASSWORD=YourStrong!Passw0rd",
        "password: hunter2",
    ] {
        nothing(text);
    }
    nothing_above_low("postgresql://user:correct%20horse%20battery%20staple@localhost/db");
    nothing_above_low(&format!("mysql://root:{PASSWORD}@127.0.0.1:3306/app"));
}

#[test]
fn stripe_test_keys_are_medium_test_keys_and_live_keys_high() {
    let test = ["sk_test_", "9kRtW2mZq7LxV4cN8bYp3HdJ"].concat();
    reports(&format!("STRIPE_KEY={test}"), "stripe-test-secret-key", Confidence::Medium, &test);
    let live = ["sk_live_", "9kRtW2mZq7LxV4cN8bYp3HdJ"].concat();
    reports(&format!("STRIPE_KEY={live}"), "stripe-secret-key", Confidence::High, &live);
    let scanner = Scanner::default();
    let rule = scanner.rules().iter().find(|r| r.id == "stripe-test-secret-key").unwrap();
    assert!(rule.title.contains("test"), "{}", rule.title);
    assert_eq!(rule.severity, keyward_core::Severity::Medium);
}

#[test]
fn code_types_forms_and_words_are_quiet() {
    for text in [
        "interface Login { username: string; password: string; }",
        "pub struct Config { pub password: Option<String>, pub api_key: SecretString }",
        "def login(username, password=None, token=DEFAULT_TOKEN):",
        "<input type=\"password\" name=\"password\" placeholder=\"Password\" autocomplete=\"current-password\">",
        "CREATE TABLE users (id serial, password_hash VARCHAR(255) NOT NULL, api_key_id uuid);",
        "{\"password\": \"Passwort\", \"forgot_password\": \"Passwort vergessen?\", \"token_expired\": \"Sitzung abgelaufen\"}",
        "\"keywords\": [\"password\", \"hash\", \"bcrypt\"]",
        "{ \"key\": \"ctrl+shift+down\", \"command\": \"editor.action.copyLinesDownAction\" }",
        "keyword = 'Befaehigung_P2'\napi_key: \"NEXUS-GPT4-API-KEY\"\nsecret_name: DOC_Vector_5_32",
        "    - uses: actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3\n      with:\n        token: ${{ secrets.GITHUB_TOKEN }}",
        "        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password",
        "password = os.environ[\"DB_PASSWORD\"]\napi_key = os.getenv('API_KEY')\ntoken = process.env.GITHUB_TOKEN",
        "secret: aGVsbG8gd29ybGQsIHRoaXMgaXMgdGV4dA==",
        "public_key = \"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEq8vR2mT7kLp4xWc9bNd3hFs\"",
        "if(e.key===t.key&&e.shiftKey===t.shiftKey)return!0",
        "cache_key = f\"{user_id}:{TOKEN_VERSION}\"\nidempotency_key: 9f86d081884c7d659a2feaa0c55ad015",
        "DB_PASSWORD=\nAPI_KEY=\nSECRET_KEY=<generate with openssl rand -hex 32>",
        "\"integrity\": \"sha512-Zq8vR2mT7kLp4xWc9bNd3hFsQq8vR2mT7kLp4xWc9bNd3hFs==\"",
        "password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  3961356239623...",
        "DB_PASSWORD=op://Production/Postgres/password",
        // PWD is also the working folder (Node's docs list process.env this way).
        " *   USER: 'maciej',\n *   PWD: '/Users/maciej',\n *   OLDPWD=/home/runner/work/app",
    ] {
        nothing(text);
    }
}

#[test]
fn redact_hides_passwords_too() {
    let scanner = Scanner::default();
    for text in [format!("DB_PASSWORD={PASSWORD}\n"), format!("password: \"{PASSWORD2}\"\n")] {
        let redacted = scanner.redact(&text);
        assert!(!redacted.contains(PASSWORD) && !redacted.contains(PASSWORD2), "{redacted}");
    }
}

/// Pseudo-random base64 (a linear congruential generator), like an inlined `.wasm`.
fn base64_blob(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state: u32 = 7;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            ALPHABET[(state >> 16) as usize % 64] as char
        })
        .collect()
}

#[test]
fn nothing_is_reported_from_inside_a_blob() {
    // A Meta access token's shape (`EAA` + 97..297 alphanumerics), as it occurs by chance in base64.
    let token = format!("EAA{}", base64_blob(4000).chars().filter(char::is_ascii_alphanumeric).take(150).collect::<String>());
    let blob = format!("const wasm = \"{}/{token}+{}\";\n", base64_blob(30_000), base64_blob(30_000));
    assert!(findings(&blob).iter().all(|(rule, _, _)| rule != "facebook-access-token"), "{:?}", findings(&blob));
    // The same token written as a value is reported.
    reports(&format!("FB_TOKEN=\"{token}\"\n"), "facebook-access-token", Confidence::Medium, &token);
}

#[test]
fn a_chain_of_jwt_headers_is_data() {
    // 2 MB on one line: `eyJhbGciOiJIUzI1NiJ9.` repeated (hostile input, issue 13).
    let chain = "eyJhbGciOiJIUzI1NiJ9.".repeat(100_000);
    nothing(&chain);
    nothing(&format!("x = \"{}\"\n", &chain[..21 * 3 - 1]));
    // A real JWT next to such a chain, or ending a sentence, is still reported.
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI1OTI2OWM2NCIsImV4cCI6MTc4NjgwMDAwMH0.68ox59u_1-7_Qz2Q6q4w2Fdne8TGfJg6xAhoWASz3PM";
    reports(&format!("Authorization: Bearer {jwt}\n{}\n", &chain[..100_000]), "jwt", Confidence::Medium, jwt);
    reports(&format!("The session token was {jwt}."), "jwt", Confidence::Medium, jwt);
}

