//! The demo data set: accounts for each role so a new user can look around.
//! Idempotent (re-running inserts nothing new) and refuses to touch a
//! database that already holds real users.

use app::domain::role::Role;
use app::ssr::{DbError, NewUser, Store};

/// The password every demo account shares; printed at start in demo mode.
pub const DEMO_PASSWORD: &str = "pitchbridge-demo";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(
        "this database has {0} non-demo users; the demo seed only runs on a fresh or demo database"
    )]
    RealUsersPresent(i64),
    #[error(transparent)]
    Db(#[from] DbError),
}

struct DemoAccount {
    email: &'static str,
    name: &'static str,
    role: Role,
}

const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "admin@demo.pitchbridge.kr",
        name: "김운영 (산단공 대경본부)",
        role: Role::Admin,
    },
    DemoAccount {
        email: "consultant@demo.pitchbridge.kr",
        name: "이성장 (기업성장지원단)",
        role: Role::Consultant,
    },
    DemoAccount {
        email: "investor@demo.pitchbridge.kr",
        name: "박엔젤 (수도권 엔젤클럽)",
        role: Role::Investor,
    },
    DemoAccount {
        email: "founder@demo.pitchbridge.kr",
        name: "최대표 (탄소온)",
        role: Role::Startup,
    },
];

/// Loads the demo data; returns how many rows were new.
pub async fn load_demo(store: &dyn Store, password_hash: &str) -> Result<u64, SeedError> {
    let real = store.count_users(Some(false)).await?;
    if real > 0 {
        return Err(SeedError::RealUsersPresent(real));
    }
    let users: Vec<NewUser> = DEMO_ACCOUNTS
        .iter()
        .map(|a| NewUser {
            email: a.email.to_string(),
            display_name: a.name.to_string(),
            role: a.role,
            password_hash: password_hash.to_string(),
            locale: "ko".to_string(),
            is_demo: true,
        })
        .collect();
    Ok(store.create_users_if_absent(&users).await?)
}

pub fn demo_emails() -> impl Iterator<Item = &'static str> {
    DEMO_ACCOUNTS.iter().map(|a| a.email)
}
