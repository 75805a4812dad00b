//! `server admin create`: makes the first admin (or any staff account)
//! without a default password anywhere. The same rules as the portal's
//! forms apply, and the creation is audited as done by the system.

use crate::startup::StartupError;
use app::domain::account::{
    validate_display_name, validate_email, validate_new_password, Verification,
};
use app::domain::role::Role;
use app::i18n::Locale;
use app::ssr::store::NewAuditEvent;
use app::ssr::{DbError, NewUser, Store};
use std::io::BufRead;

pub async fn create_staff(
    store: &dyn Store,
    email: &str,
    name: &str,
    role: &str,
) -> Result<i64, StartupError> {
    let t = Locale::En.strings();
    let fail = |e: app::domain::account::FieldError| {
        StartupError::new(format!("{}: {}", e.field, e.problem.message(t)))
    };
    let email = validate_email("--email", email).map_err(fail)?;
    let name = validate_display_name("--name", name).map_err(fail)?;
    let role = match Role::parse(role) {
        Some(r @ (Role::Admin | Role::Consultant)) => r,
        _ => return Err(StartupError::new("--role: use admin or consultant")),
    };
    let password = read_password()?;
    let local_part = email.split('@').next().unwrap_or_default();
    validate_new_password(
        "password",
        &password,
        &password,
        &[&email, local_part, &name],
    )
    .map_err(fail)?;
    let password_hash = app::ssr::password::hash(&password)
        .await
        .map_err(|e| StartupError::new(format!("cannot hash the password: {e}")))?;
    let user = NewUser {
        email: email.clone(),
        display_name: name,
        role,
        password_hash,
        locale: "ko".to_string(),
        is_demo: false,
        verification: Verification::None,
        club_id: None,
    };
    let event = NewAuditEvent {
        actor_id: None,
        actor_label: "system (command line)".to_string(),
        action: "user.create_staff",
        object_type: "user",
        object_id: None,
        detail: role.as_str().to_string(),
        ip: None,
        at: chrono::Utc::now(),
    };
    match store.create_staff(&user, &event).await {
        Ok(id) => Ok(id),
        Err(DbError::Conflict(_)) => Err(StartupError::new(format!(
            "an account with the e-mail {email} already exists"
        ))),
        Err(err) => Err(StartupError::new(format!(
            "cannot create the account: {err}"
        ))),
    }
}

/// From `PITCHBRIDGE_ADMIN_PASSWORD`, else the first line of standard input
/// (so it never appears in the shell history or the process list).
fn read_password() -> Result<String, StartupError> {
    if let Ok(password) = std::env::var("PITCHBRIDGE_ADMIN_PASSWORD") {
        return Ok(password);
    }
    eprintln!("Password for the new account (one line on standard input):");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| StartupError::new(format!("cannot read the password: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
