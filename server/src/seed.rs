//! The demo data set: an account for each role, an approved angel club, a
//! founder's company, and an investor and a club waiting for review, so a
//! new user can walk through every workflow. Idempotent (re-running adds
//! nothing) and refuses to touch a database that already holds real users.

mod companies;
mod deals;
mod forums;
mod investor;
mod readiness;

use app::domain::account::{ClubChoice, ClubStatus, Verification};
use app::domain::role::Role;
use app::ssr::store::{NewAuditEvent, NewCompany, Registration};
use app::ssr::{DbError, NewUser, Store};

/// The password every demo account shares; printed at start in demo mode.
pub const DEMO_PASSWORD: &str = "pitchbridge-demo";

/// The demo founder's company, first in `seed/companies.json`.
pub const DEMO_FOUNDER_COMPANY_SLUG: &str = "tansoon";

/// The approved club the demo investor belongs to (an invented name).
pub const DEMO_CLUB: &str = "한강엔젤클럽";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(
        "this database has {0} non-demo users; the demo seed only runs on a fresh or demo database"
    )]
    RealUsersPresent(i64),
    #[error(transparent)]
    Db(#[from] DbError),
    /// A demo record the domain rules refuse (a bug in the seed data).
    #[error("{0}")]
    Invalid(String),
}

enum Setup {
    Staff,
    Founder {
        company: &'static str,
    },
    /// An investor in `club`; `verified` decides whether an admin has
    /// already checked them. A club that does not exist yet is proposed.
    Investor {
        club: &'static str,
        verified: bool,
    },
}

struct DemoAccount {
    email: &'static str,
    name: &'static str,
    role: Role,
    setup: Setup,
}

const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "admin@demo.pitchbridge.kr",
        name: "김운영 (산단공 대경본부)",
        role: Role::Admin,
        setup: Setup::Staff,
    },
    DemoAccount {
        email: "consultant@demo.pitchbridge.kr",
        name: "이성장 (기업성장지원단)",
        role: Role::Consultant,
        setup: Setup::Staff,
    },
    DemoAccount {
        email: "investor@demo.pitchbridge.kr",
        name: "박엔젤",
        role: Role::Investor,
        setup: Setup::Investor {
            club: DEMO_CLUB,
            verified: true,
        },
    },
    DemoAccount {
        email: "mate@demo.pitchbridge.kr",
        name: "한동료",
        role: Role::Investor,
        setup: Setup::Investor {
            club: DEMO_CLUB,
            verified: true,
        },
    },
    DemoAccount {
        email: "otherclub@demo.pitchbridge.kr",
        name: "서포항",
        role: Role::Investor,
        setup: Setup::Investor {
            club: "포항엔젤클럽",
            verified: true,
        },
    },
    DemoAccount {
        email: "founder@demo.pitchbridge.kr",
        name: "최대표",
        role: Role::Startup,
        setup: Setup::Founder {
            company: "탄소온"
        },
    },
    DemoAccount {
        email: "newangel@demo.pitchbridge.kr",
        name: "정신규",
        role: Role::Investor,
        setup: Setup::Investor {
            club: "대구벤처엔젤스",
            verified: false,
        },
    },
];

fn system_event(action: &'static str, object_type: &'static str) -> NewAuditEvent {
    NewAuditEvent {
        actor_id: None,
        actor_label: "system (demo seed)".to_string(),
        action,
        object_type,
        object_id: None,
        detail: String::new(),
        ip: None,
        at: chrono::Utc::now(),
    }
}

/// Loads the demo data; returns how many accounts were new.
pub async fn load_demo(store: &dyn Store, password_hash: &str) -> Result<u64, SeedError> {
    let real = store.count_users(Some(false)).await?;
    if real > 0 {
        return Err(SeedError::RealUsersPresent(real));
    }
    let mut added = 0;
    for account in DEMO_ACCOUNTS {
        match store.user_by_email(account.email).await {
            Ok(_) => continue,
            Err(DbError::NotFound) => {}
            Err(err) => return Err(err.into()),
        }
        let user = NewUser {
            email: account.email.to_string(),
            display_name: account.name.to_string(),
            role: account.role,
            password_hash: password_hash.to_string(),
            locale: "ko".to_string(),
            is_demo: true,
            verification: Verification::initial_for(account.role),
            club_id: None,
        };
        match account.setup {
            Setup::Staff => {
                store
                    .create_staff(&user, &system_event("user.create_staff", "user"))
                    .await?;
            }
            Setup::Founder { company } => {
                let registration = Registration {
                    user,
                    company: Some(NewCompany {
                        // The slug the demo company data uses for 탄소온,
                        // which fills in this company's profile and pitch.
                        slug: DEMO_FOUNDER_COMPANY_SLUG.to_string(),
                        name_ko: company.to_string(),
                    }),
                    club: None,
                };
                store
                    .register(&registration, &system_event("account.sign_up", "user"))
                    .await?;
            }
            Setup::Investor { club, verified } => {
                let existing = store
                    .list_clubs(None)
                    .await?
                    .into_iter()
                    .find(|c| c.name == club);
                let choice = match &existing {
                    Some(c) => ClubChoice::Existing(c.id),
                    None => ClubChoice::New(club.to_string()),
                };
                let registration = Registration {
                    user,
                    company: None,
                    club: Some(choice),
                };
                let id = store
                    .register(&registration, &system_event("account.sign_up", "user"))
                    .await?;
                if verified {
                    let club_id = store
                        .user_summary(id)
                        .await?
                        .club_id
                        .ok_or(DbError::NotFound)?;
                    if existing.is_none() {
                        store
                            .review_club(
                                club_id,
                                ClubStatus::Approved,
                                &system_event("club.review", "club"),
                            )
                            .await?;
                    }
                    store
                        .set_verification(
                            id,
                            Verification::Verified,
                            &system_event("user.set_verification", "user"),
                        )
                        .await?;
                }
            }
        }
        added += 1;
    }
    let admin = store.user_by_email(DEMO_ACCOUNTS[0].email).await?;
    let companies = companies::load_demo_companies(store, admin.id).await?;
    tracing::info!(companies, "demo companies loaded");
    deals::load_demo_deals(
        store,
        "investor@demo.pitchbridge.kr",
        "mate@demo.pitchbridge.kr",
    )
    .await?;
    investor::load_demo_investor_limits(store, "investor@demo.pitchbridge.kr").await?;
    readiness::load_demo_readiness(
        store,
        "consultant@demo.pitchbridge.kr",
        DEMO_ACCOUNTS[0].email,
        "founder@demo.pitchbridge.kr",
    )
    .await?;
    let forums = forums::load_demo_forums(store, DEMO_ACCOUNTS[0].email).await?;
    tracing::info!(forums, "demo forums loaded");
    Ok(added)
}

pub fn demo_emails() -> impl Iterator<Item = &'static str> {
    DEMO_ACCOUNTS.iter().map(|a| a.email)
}
