//! Bad configuration stops the real server binary at start with one line
//! that says what to fix: no panic, no backtrace, no leaked password.

use std::process::{Command, Output};

fn run_server(args: &[&str], env: &[(&str, &str)]) -> Output {
    let data = std::env::temp_dir().join(format!("pb-startup-{:016x}", rand::random::<u64>()));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    // Defaults through the environment, so a test's flags override them.
    cmd.env("PITCHBRIDGE_DATA_DIR", &data)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("PITCHBRIDGE_SECRET")
        .env("RUST_LOG", "off")
        .env("RUST_BACKTRACE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().expect("run server binary");
    let _ = std::fs::remove_dir_all(data);
    output
}

/// Asserts a failed start whose only output is one `error: …` line
/// containing `expected`; returns that line.
fn assert_one_line_failure(output: &Output, expected: &str) -> String {
    assert!(
        !output.status.success(),
        "server should have refused to start"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "exactly one line expected, got:\n{stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(
        lines[0].contains(expected),
        "expected {expected:?} in: {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    lines[0].to_string()
}

#[test]
fn unknown_database_scheme() {
    let out = run_server(
        &["--database-url", "mysql://root@localhost/db", "migrate"],
        &[],
    );
    let line = assert_one_line_failure(&out, "is not understood");
    assert!(
        line.contains("sqlite://") && line.contains("postgres://"),
        "{line}"
    );
}

#[test]
fn malformed_postgres_url() {
    let out = run_server(
        &[
            "--database-url",
            "postgres://user@host:notaport/db",
            "migrate",
        ],
        &[],
    );
    assert_one_line_failure(&out, "is not a valid PostgreSQL URL");
}

#[test]
fn unreachable_postgres_without_leaking_the_password() {
    let out = run_server(
        &[
            "--database-url",
            "postgres://app:hunter2@127.0.0.1:1/pitch",
            "migrate",
        ],
        &[],
    );
    let line = assert_one_line_failure(&out, "cannot connect to PostgreSQL");
    assert!(!line.contains("hunter2"), "{line}");
    assert!(line.contains("***"), "{line}");
}

#[test]
fn unwritable_sqlite_location() {
    // A path below a regular file can never be created, even as root.
    let file = std::env::temp_dir().join(format!("pb-file-{:016x}", rand::random::<u64>()));
    std::fs::write(&file, b"not a directory").unwrap();
    let url = format!("sqlite://{}/sub/pitchbridge.db", file.display());
    let out = run_server(&["--database-url", &url, "migrate"], &[]);
    assert_one_line_failure(&out, "for the SQLite database");
    let _ = std::fs::remove_file(file);
}

#[test]
fn unwritable_data_dir() {
    let file = std::env::temp_dir().join(format!("pb-file-{:016x}", rand::random::<u64>()));
    std::fs::write(&file, b"not a directory").unwrap();
    let data_dir = file.join("data");
    let out = run_server(&["--data-dir", data_dir.to_str().unwrap()], &[]);
    assert_one_line_failure(&out, "cannot create the data directory");
    let _ = std::fs::remove_file(file);
}

#[test]
fn port_in_use() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = run_server(&["--addr", &addr], &[]);
    assert_one_line_failure(&out, &format!("cannot listen on {addr}"));
}

#[test]
fn short_secret() {
    let out = run_server(&[], &[("PITCHBRIDGE_SECRET", "short")]);
    assert_one_line_failure(&out, "at least 32");
}
