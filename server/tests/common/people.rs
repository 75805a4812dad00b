//! Accounts, companies and sessions set up through the store, as the
//! suites' starting points. What the tests then check goes through the
//! code under test (the store or the router).

use app::domain::account::{ClubChoice, ClubStatus, Verification};
use app::domain::role::Role;
use app::ssr::session::SessionKeys;
use app::ssr::store::{NewCompany, Registration};
use app::ssr::{NewAuditEvent, NewSession, NewUser, Store};

/// The audit event setup steps record.
pub fn setup_event(action: &'static str) -> NewAuditEvent {
    NewAuditEvent {
        actor_id: None,
        actor_label: "test".into(),
        action,
        object_type: "test",
        object_id: None,
        detail: String::new(),
        ip: None,
        at: chrono::Utc::now(),
    }
}

/// A Korean-language account; sessions are opened directly, so no sign-in
/// checks its (well-formed) hash.
pub fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.into(),
        display_name: format!("{} 님", email.split('@').next().unwrap_or(email)),
        role,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        locale: "ko".into(),
        is_demo: false,
        verification: Verification::initial_for(role),
        club_id: None,
    }
}

/// A startup account with its company: (user id, company id).
pub async fn founder_of(store: &dyn Store, email: &str, slug: &str, name_ko: &str) -> (i64, i64) {
    register_founder(store, new_user(email, Role::Startup), slug, name_ko).await
}

/// `founder_of` for a given account (a name or language of its own).
pub async fn register_founder(
    store: &dyn Store,
    user: NewUser,
    slug: &str,
    name_ko: &str,
) -> (i64, i64) {
    let user_id = store
        .register(
            &Registration {
                user,
                company: Some(NewCompany {
                    slug: slug.into(),
                    name_ko: name_ko.into(),
                }),
                club: None,
            },
            &setup_event("account.sign_up"),
        )
        .await
        .unwrap();
    let company_id = store
        .membership_of(user_id)
        .await
        .unwrap()
        .unwrap()
        .company_id;
    (user_id, company_id)
}

/// A verified investor in `club`, approved when new: (user id, club id).
pub async fn verified_investor_in(store: &dyn Store, email: &str, club: &str) -> (i64, i64) {
    register_verified_investor(store, new_user(email, Role::Investor), club).await
}

/// `verified_investor_in` for a given account.
pub async fn register_verified_investor(
    store: &dyn Store,
    user: NewUser,
    club: &str,
) -> (i64, i64) {
    let existing = store
        .list_clubs(None)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == club);
    let choice = match &existing {
        Some(c) => ClubChoice::Existing(c.id),
        None => ClubChoice::New(club.to_string()),
    };
    let user_id = store
        .register(
            &Registration {
                user,
                company: None,
                club: Some(choice),
            },
            &setup_event("account.sign_up"),
        )
        .await
        .unwrap();
    let club_id = store.user_summary(user_id).await.unwrap().club_id.unwrap();
    if existing.is_none() {
        store
            .review_club(club_id, ClubStatus::Approved, &setup_event("club.review"))
            .await
            .unwrap();
    }
    store
        .set_verification(user_id, Verification::Verified, &setup_event("user.verify"))
        .await
        .unwrap();
    (user_id, club_id)
}

/// An account made by the operators (admin or consultant): its id.
pub async fn staff(store: &dyn Store, email: &str, role: Role) -> i64 {
    store
        .create_staff(&new_user(email, role), &setup_event("user.create"))
        .await
        .unwrap()
}

/// Opens a session the way sign-in does and returns the cookie pair.
pub async fn open_session(store: &dyn Store, user_id: i64) -> String {
    let now = chrono::Utc::now();
    let sid = app::ssr::session::new_session_id();
    store
        .create_session(&NewSession {
            id: sid.clone(),
            user_id,
            created_at: now,
            expires_at: now + chrono::Duration::hours(1),
            ip: None,
            user_agent: None,
        })
        .await
        .unwrap();
    let token = SessionKeys::new(super::app_server::TEST_SECRET)
        .issue(user_id, &sid, now, now + chrono::Duration::hours(1))
        .unwrap();
    format!("pb_session={token}")
}

/// The six sections of a pitch as the editor saves them (rendered once):
/// the given ones with their text and visibility, the rest empty and public.
pub fn pitch_sections(
    given: &[(
        app::domain::company::SectionKind,
        &str,
        app::domain::company::Visibility,
    )],
) -> Vec<app::ssr::company_store::StoredSection> {
    use app::domain::company::{SectionKind, Visibility};
    use app::ssr::markdown::{plain_text, render};
    SectionKind::ALL
        .iter()
        .map(|&kind| {
            let (markdown, visibility) = given
                .iter()
                .find(|(k, ..)| *k == kind)
                .map_or(("", Visibility::Public), |&(_, text, v)| (text, v));
            app::ssr::company_store::StoredSection {
                kind,
                visibility,
                html: render(markdown),
                plain_text: plain_text(markdown),
                markdown: markdown.to_string(),
            }
        })
        .collect()
}

/// Publishes the company with one public section holding `text`.
pub async fn publish_with(store: &dyn Store, founder_id: i64, company_id: i64, text: &str) {
    use app::domain::company::{Funding, SectionKind, Visibility};
    let sections = pitch_sections(&[(SectionKind::Technology, text, Visibility::Public)]);
    let now = chrono::Utc::now();
    store
        .save_pitch_draft(
            company_id,
            &sections,
            &Funding::default(),
            founder_id,
            now,
            &setup_event("company.save_draft"),
        )
        .await
        .unwrap();
    store
        .publish_pitch(company_id, founder_id, now, &setup_event("company.publish"))
        .await
        .unwrap();
}
