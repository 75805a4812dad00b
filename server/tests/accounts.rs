//! Accounts and access over HTTP, on both databases: sign-up, the role ×
//! action matrix on every account and admin endpoint, session revocation,
//! tampered tokens, rate limits, and the anonymous allow-list.

mod common;

use app::domain::account::{ClubChoice, ClubStatus, Verification};
use app::domain::role::Role;
use app::ssr::store::{NewAuditEvent, NewCompany, Registration};
use app::ssr::{NewUser, Store};
use common::app_server::{client, page, sign_in_by_script, TestServer, PASSWORD, TEST_SECRET};
use common::people::open_session;
use reqwest::{header, StatusCode};
use serde_json::Value;

fn event() -> NewAuditEvent {
    NewAuditEvent {
        actor_id: None,
        actor_label: "test".into(),
        action: "test.setup",
        object_type: "user",
        object_id: None,
        detail: String::new(),
        ip: None,
        at: chrono::Utc::now(),
    }
}

/// One Argon2id hash of `PASSWORD`, shared by every account of a test.
async fn password_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async { app::ssr::password::hash(PASSWORD).await.unwrap() })
        .await
        .clone()
}

async fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.into(),
        display_name: format!("{} 님", email.split('@').next().unwrap()),
        role,
        password_hash: password_hash().await,
        locale: "ko".into(),
        is_demo: false,
        verification: Verification::initial_for(role),
        club_id: None,
    }
}

/// A signed-in browser: the account's id and its session cookie.
#[derive(Clone, Debug)]
struct Person {
    id: i64,
    email: String,
    cookie: String,
}

async fn person(store: &dyn Store, id: i64, email: &str) -> Person {
    Person {
        id,
        email: email.to_lowercase(),
        cookie: open_session(store, id).await,
    }
}

/// Everyone in the matrix, plus accounts for admin actions to target.
struct Cast {
    admin: Person,
    consultant: Person,
    unverified: Person,
    verified: Person,
    startup_a: Person,
    startup_b: Person,
    /// Targets of admin actions, outside the matrix.
    pending_investor: i64,
    bystander: i64,
    pending_club: i64,
}

impl Cast {
    async fn new(store: &dyn Store) -> Cast {
        let staff = |email: &'static str, role| async move {
            let id = store
                .create_staff(&new_user(email, role).await, &event())
                .await
                .unwrap();
            person(store, id, email).await
        };
        let admin = staff("admin@ops.kr", Role::Admin).await;
        let consultant = staff("consultant@ops.kr", Role::Consultant).await;
        let startup = |email: &'static str, company: &'static str| async move {
            let id = store
                .register(
                    &Registration {
                        user: new_user(email, Role::Startup).await,
                        company: Some(NewCompany {
                            slug: format!("co-{company}"),
                            name_ko: company.into(),
                        }),
                        club: None,
                    },
                    &event(),
                )
                .await
                .unwrap();
            person(store, id, email).await
        };
        let startup_a = startup("a@startup.kr", "a").await;
        let startup_b = startup("b@startup.kr", "b").await;
        let investor = |email: &'static str, club: ClubChoice| async move {
            store
                .register(
                    &Registration {
                        user: new_user(email, Role::Investor).await,
                        company: None,
                        club: Some(club),
                    },
                    &event(),
                )
                .await
                .unwrap()
        };
        let verified_id = investor("verified@angel.kr", ClubChoice::New("한강엔젤".into())).await;
        let club = store
            .user_summary(verified_id)
            .await
            .unwrap()
            .club_id
            .unwrap();
        store
            .review_club(club, ClubStatus::Approved, &event())
            .await
            .unwrap();
        store
            .set_verification(verified_id, Verification::Verified, &event())
            .await
            .unwrap();
        let unverified_id = investor("unverified@angel.kr", ClubChoice::Existing(club)).await;
        let pending_investor = investor("waiting@angel.kr", ClubChoice::Existing(club)).await;
        let pending_club_member = investor("new@club.kr", ClubChoice::New("신생클럽".into())).await;
        let pending_club = store
            .user_summary(pending_club_member)
            .await
            .unwrap()
            .club_id
            .unwrap();
        let bystander = store
            .create_staff(
                &new_user("bystander@ops.kr", Role::Consultant).await,
                &event(),
            )
            .await
            .unwrap();
        Cast {
            admin,
            consultant,
            verified: person(store, verified_id, "verified@angel.kr").await,
            unverified: person(store, unverified_id, "unverified@angel.kr").await,
            startup_a,
            startup_b,
            pending_investor,
            bystander,
            pending_club,
        }
    }

    /// Everyone but the admin, who acts last so earlier refusals are
    /// checked against an unchanged database.
    fn non_admins(&self) -> Vec<(&'static str, &Person)> {
        vec![
            ("consultant", &self.consultant),
            ("unverified investor", &self.unverified),
            ("verified investor", &self.verified),
            ("startup A", &self.startup_a),
            ("startup B", &self.startup_b),
        ]
    }
}

/// Calls a server function as the hydrated app does (JSON back).
async fn call(
    s: &TestServer,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut req = client().post(s.url(path)).form(form);
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn whoami(s: &TestServer, cookie: &str) -> Value {
    let (status, body) = call(s, "/api/auth/whoami", Some(cookie), &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn the_role_action_matrix_holds_on_every_endpoint(s: TestServer) {
    let cast = Cast::new(s.store.as_ref()).await;
    let pending = cast.pending_investor.to_string();
    let bystander = cast.bystander.to_string();
    let club = cast.pending_club.to_string();
    // (endpoint, form) for admin-only functions.
    let admin_only: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/api/admin/users", vec![]),
        (
            "/api/admin/users",
            vec![("role", "investor"), ("verification", "pending")],
        ),
        (
            "/api/admin/verify-investor",
            vec![("user_id", &pending), ("decision", "verified")],
        ),
        (
            "/api/admin/set-active",
            vec![("user_id", &bystander), ("active", "false")],
        ),
        (
            "/api/admin/set-role",
            vec![("user_id", &bystander), ("role", "admin")],
        ),
        (
            "/api/admin/create-staff",
            vec![
                ("email", "staff@ops.kr"),
                ("display_name", "새 컨설턴트"),
                ("role", "consultant"),
                ("password", "lantern river quartz 42"),
                ("password_confirm", "lantern river quartz 42"),
            ],
        ),
        ("/api/admin/clubs", vec![]),
        (
            "/api/admin/review-club",
            vec![("club_id", &club), ("decision", "approved")],
        ),
        ("/api/admin/audit", vec![]),
    ];
    let audit_before = s.store.audit_log(1000, None).await.unwrap().len();
    for (path, form) in &admin_only {
        let (status, _) = call(&s, path, None, form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous {path}");
        for (who, p) in cast.non_admins() {
            let (status, body) = call(&s, path, Some(&p.cookie), form).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {path}: {body}");
        }
    }
    // Nothing the refused callers tried changed anything.
    assert_eq!(
        s.store.audit_log(1000, None).await.unwrap().len(),
        audit_before
    );
    let target = s.store.user_summary(cast.pending_investor).await.unwrap();
    assert_eq!(target.verification, Verification::Pending);
    let bystander_now = s.store.user_summary(cast.bystander).await.unwrap();
    assert!(bystander_now.is_active && bystander_now.role == Role::Consultant);

    for (path, form) in &admin_only {
        let (status, body) = call(&s, path, Some(&cast.admin.cookie), form).await;
        assert_eq!(status, StatusCode::OK, "admin {path}: {body}");
    }
    assert_eq!(
        s.store
            .user_summary(cast.pending_investor)
            .await
            .unwrap()
            .verification,
        Verification::Verified
    );
    let bystander_now = s.store.user_summary(cast.bystander).await.unwrap();
    assert!(!bystander_now.is_active && bystander_now.role == Role::Admin);
    let log = s.store.audit_log(1000, None).await.unwrap();
    assert_eq!(log.len(), audit_before + 5, "one event per change");
    assert!(log
        .iter()
        .take(5)
        .all(|e| e.actor_id == Some(cast.admin.id) && e.ip.is_some()));

    // Own-account functions: everyone signed in, nobody anonymous.
    let everyone = {
        let mut v = cast.non_admins();
        v.push(("admin", &cast.admin));
        v
    };
    for (path, form) in [
        ("/api/account/me", vec![]),
        (
            "/api/account/profile",
            vec![("display_name", "새 이름"), ("locale", "en")],
        ),
    ] {
        assert_eq!(
            call(&s, path, None, &form).await.0,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        for (who, p) in &everyone {
            let (status, body) = call(&s, path, Some(&p.cookie), &form).await;
            assert_eq!(status, StatusCode::OK, "{who} {path}: {body}");
        }
    }
    // `me` answers with the caller's own account, whatever the form says.
    let (_, body) = call(
        &s,
        "/api/account/me",
        Some(&cast.startup_a.cookie),
        &[("user_id", &cast.admin.id.to_string())],
    )
    .await;
    let me: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(me["email"], cast.startup_a.email.as_str());
    assert_eq!(me["company_name"], "a");

    // The club page: verified investors of the club and admins.
    assert_eq!(
        call(&s, "/api/clubs/mine", None, &[]).await.0,
        StatusCode::UNAUTHORIZED
    );
    for (who, p, expected) in [
        ("verified", &cast.verified, StatusCode::OK),
        ("admin", &cast.admin, StatusCode::OK),
        ("unverified", &cast.unverified, StatusCode::FORBIDDEN),
        ("consultant", &cast.consultant, StatusCode::FORBIDDEN),
        ("startup", &cast.startup_a, StatusCode::FORBIDDEN),
    ] {
        assert_eq!(
            call(&s, "/api/clubs/mine", Some(&p.cookie), &[]).await.0,
            expected,
            "{who}"
        );
    }
    let (_, body) = call(&s, "/api/clubs/mine", Some(&cast.verified.cookie), &[]).await;
    assert!(
        body.contains("한강엔젤") && !body.contains("@angel.kr"),
        "names only: {body}"
    );
}

async fn admins_cannot_lock_themselves_out(s: TestServer) {
    let cast = Cast::new(s.store.as_ref()).await;
    let me = cast.admin.id.to_string();
    for (path, form) in [
        (
            "/api/admin/set-active",
            vec![("user_id", me.as_str()), ("active", "false")],
        ),
        (
            "/api/admin/set-role",
            vec![("user_id", me.as_str()), ("role", "consultant")],
        ),
    ] {
        let (status, body) = call(&s, path, Some(&cast.admin.cookie), &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert!(body.contains("NotOnYourself"), "{body}");
    }
    let admin = s.store.user_summary(cast.admin.id).await.unwrap();
    assert!(admin.is_active && admin.role == Role::Admin);
}

async fn sign_up_creates_accounts_and_refuses_bad_input(s: TestServer) {
    let clubs: Value =
        serde_json::from_str(&call(&s, "/api/clubs/approved", None, &[]).await.1).unwrap();
    assert_eq!(clubs, serde_json::json!([]));

    let startup = [
        ("form[email]", "Founder@Carbon.kr"),
        ("form[display_name]", "최대표"),
        ("form[password]", "heating mats for greenhouses"),
        ("form[password_confirm]", "heating mats for greenhouses"),
        ("form[role]", "startup"),
        ("form[company_name]", "탄소온"),
    ];
    let res = client()
        .post(s.url("/api/auth/sign-up"))
        .header(header::ACCEPT, "text/html")
        .form(&startup)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/account");
    let cookie = crate::common::app_server::session_pair(&res);
    let (_, body) = call(&s, "/api/account/me", Some(&cookie), &[]).await;
    let me: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (me["role"].as_str(), me["company_name"].as_str()),
        (Some("Startup"), Some("탄소온"))
    );
    assert_eq!(me["email"], "founder@carbon.kr");

    let users = s.store.count_users(None).await.unwrap();
    let bad: Vec<(&str, (&str, &str), &str)> = vec![
        (
            "duplicate e-mail in another case",
            ("form[email]", "FOUNDER@carbon.KR"),
            "EmailTaken",
        ),
        (
            "malformed e-mail",
            ("form[email]", "founder.carbon.kr"),
            "EmailInvalid",
        ),
        (
            "over-long e-mail",
            (
                "form[email]",
                &*Box::leak(format!("{}@x.kr", "a".repeat(260)).into_boxed_str()),
            ),
            "TooLong",
        ),
        (
            "markup in the company name",
            ("form[company_name]", "<img src=x onerror=alert(1)>"),
            "NotPlainText",
        ),
        (
            "over-long company name",
            (
                "form[company_name]",
                &*Box::leak("가".repeat(81).into_boxed_str()),
            ),
            "TooLong",
        ),
        ("admin role", ("form[role]", "admin"), "RoleNotOffered"),
        (
            "common password",
            ("form[password]", "password12345"),
            "TooCommon",
        ),
    ];
    for (what, (field, value), expected) in bad {
        let mut form: Vec<(&str, &str)> = startup.to_vec();
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        if field == "form[password]" {
            form.retain(|(k, _)| *k != "form[password_confirm]");
            form.push(("form[password_confirm]", value));
        }
        if field != "form[email]" {
            form.retain(|(k, _)| *k != "form[email]");
            form.push(("form[email]", "other@carbon.kr"));
        }
        let (status, body) = call(&s, "/api/auth/sign-up", None, &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {body}");
        assert!(body.contains(expected), "{what}: {body}");
    }
    assert_eq!(
        s.store.count_users(None).await.unwrap(),
        users,
        "nothing was written"
    );

    // An investor proposing a new club waits for verification.
    let investor = [
        ("form[email]", "angel@seoul.kr"),
        ("form[display_name]", "박엔젤"),
        ("form[password]", "quiet harbour lanterns 7"),
        ("form[password_confirm]", "quiet harbour lanterns 7"),
        ("form[role]", "investor"),
        ("form[new_club_name]", "서울 엔젤스"),
    ];
    let (status, body) = call(&s, "/api/auth/sign-up", None, &investor).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let angel = s.store.user_by_email("angel@seoul.kr").await.unwrap();
    assert_eq!(angel.verification, Verification::Pending);
    let pending: Vec<_> = s.store.list_clubs(Some(ClubStatus::Pending)).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].name, "서울 엔젤스");
    let log = s.store.audit_log(10, None).await.unwrap();
    assert_eq!(log[0].action, "account.sign_up");
    assert_eq!(log[0].object_id, angel.id.to_string());
}

async fn unverified_investors_gain_access_when_verified(s: TestServer) {
    let cast = Cast::new(s.store.as_ref()).await;
    let before = whoami(&s, &cast.unverified.cookie).await;
    assert_eq!(before["verification"], "Pending");
    assert_eq!(
        call(&s, "/api/clubs/mine", Some(&cast.unverified.cookie), &[])
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (_, _, body) = page(&s, "/", Some(&cast.unverified.cookie)).await;
    assert!(body.contains("unverified 님"));

    let id = cast.unverified.id.to_string();
    let (status, _) = call(
        &s,
        "/api/admin/verify-investor",
        Some(&cast.admin.cookie),
        &[("user_id", &id), ("decision", "verified")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // The same session sees the change on its next request.
    assert_eq!(
        whoami(&s, &cast.unverified.cookie).await["verification"],
        "Verified"
    );
    assert_eq!(
        call(&s, "/api/clubs/mine", Some(&cast.unverified.cookie), &[])
            .await
            .0,
        StatusCode::OK
    );

    // Bad decisions and unknown users change nothing.
    for form in [
        vec![("user_id", id.as_str()), ("decision", "maybe")],
        vec![("user_id", id.as_str()), ("decision", "pending")],
    ] {
        assert_eq!(
            call(
                &s,
                "/api/admin/verify-investor",
                Some(&cast.admin.cookie),
                &form
            )
            .await
            .0,
            StatusCode::BAD_REQUEST
        );
    }
    let (status, _) = call(
        &s,
        "/api/admin/verify-investor",
        Some(&cast.admin.cookie),
        &[("user_id", "999999"), ("decision", "verified")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let startup = cast.startup_a.id.to_string();
    let (status, _) = call(
        &s,
        "/api/admin/verify-investor",
        Some(&cast.admin.cookie),
        &[("user_id", &startup), ("decision", "verified")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "only investors are verified");
}

async fn password_change_revokes_old_cookies(s: TestServer) {
    let cast = Cast::new(s.store.as_ref()).await;
    let p = &cast.startup_b;
    let second_browser = open_session(s.store.as_ref(), p.id).await;

    let (status, body) = call(
        &s,
        "/api/account/password",
        Some(&p.cookie),
        &[
            ("current_password", "not my password"),
            ("new_password", "violet kettle seventy"),
            ("password_confirm", "violet kettle seventy"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("WrongCurrentPassword"), "{body}");
    assert_eq!(
        sign_in_by_script(&s, &p.email, PASSWORD).await.status(),
        StatusCode::OK,
        "old password still works"
    );

    let res = client()
        .post(s.url("/api/account/password"))
        .header(header::COOKIE, &p.cookie)
        .form(&[
            ("current_password", PASSWORD),
            ("new_password", "violet kettle seventy"),
            ("password_confirm", "violet kettle seventy"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let fresh = crate::common::app_server::session_pair(&res);
    assert_eq!(whoami(&s, &fresh).await["role"], "Startup");
    for old in [&p.cookie, &second_browser] {
        assert_eq!(whoami(&s, old).await, Value::Null, "old sessions end");
    }
    assert_eq!(
        sign_in_by_script(&s, &p.email, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in_by_script(&s, &p.email, "violet kettle seventy")
            .await
            .status(),
        StatusCode::OK
    );
}

async fn disabling_or_changing_role_ends_sessions_at_once(s: TestServer) {
    let cast = Cast::new(s.store.as_ref()).await;
    let consultant = cast.consultant.id.to_string();
    let (status, _) = call(
        &s,
        "/api/admin/set-active",
        Some(&cast.admin.cookie),
        &[("user_id", &consultant), ("active", "false")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(whoami(&s, &cast.consultant.cookie).await, Value::Null);
    let res = sign_in_by_script(&s, &cast.consultant.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("AccountDisabled"));

    let startup = cast.startup_a.id.to_string();
    let (status, _) = call(
        &s,
        "/api/admin/set-role",
        Some(&cast.admin.cookie),
        &[("user_id", &startup), ("role", "investor")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(whoami(&s, &cast.startup_a.cookie).await, Value::Null);
    let (status, _) = call(
        &s,
        "/api/admin/set-role",
        Some(&cast.admin.cookie),
        &[("user_id", &startup), ("role", "root")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn tampered_tokens_are_all_rejected(s: TestServer) {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use base64::Engine;
    use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};

    let cast = Cast::new(s.store.as_ref()).await;
    let valid = cast
        .verified
        .cookie
        .trim_start_matches("pb_session=")
        .to_string();
    let parts: Vec<&str> = valid.split('.').collect();
    let claims: Value = serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
    let sign = |alg: Algorithm, key: &[u8], claims: &Value| {
        encode(&Header::new(alg), claims, &EncodingKey::from_secret(key)).unwrap()
    };
    let with = |key: &str, value: Value| {
        let mut c = claims.clone();
        c[key] = value;
        c
    };
    let without = |key: &str| {
        let mut c = claims.clone();
        c.as_object_mut().unwrap().remove(key);
        c
    };
    let admin_payload =
        B64.encode(serde_json::to_vec(&with("sub", cast.admin.id.to_string().into())).unwrap());
    let none_header = B64.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let past = (chrono::Utc::now() - chrono::Duration::minutes(5)).timestamp();
    let tampered = [
        (
            "changed payload",
            format!("{}.{admin_payload}.{}", parts[0], parts[2]),
        ),
        ("alg none", format!("{none_header}.{}.", parts[1])),
        ("HS512", sign(Algorithm::HS512, TEST_SECRET, &claims)),
        (
            "wrong key",
            sign(
                Algorithm::HS256,
                b"another-secret-of-at-least-32-bytes!!",
                &claims,
            ),
        ),
        (
            "expired",
            sign(Algorithm::HS256, TEST_SECRET, &with("exp", past.into())),
        ),
        (
            "missing exp",
            sign(Algorithm::HS256, TEST_SECRET, &without("exp")),
        ),
        (
            "missing sub",
            sign(Algorithm::HS256, TEST_SECRET, &without("sub")),
        ),
        (
            "wrong aud",
            sign(
                Algorithm::HS256,
                TEST_SECRET,
                &with("aud", "someone-else".into()),
            ),
        ),
        (
            "wrong iss",
            sign(Algorithm::HS256, TEST_SECRET, &with("iss", "evil".into())),
        ),
        (
            "sub of another user",
            sign(
                Algorithm::HS256,
                TEST_SECRET,
                &with("sub", cast.admin.id.to_string().into()),
            ),
        ),
    ];
    // The untouched token works, so each refusal is about the tampering.
    assert_eq!(whoami(&s, &cast.verified.cookie).await["role"], "Investor");
    let resigned = format!(
        "pb_session={}",
        sign(Algorithm::HS256, TEST_SECRET, &claims)
    );
    assert_eq!(
        whoami(&s, &resigned).await["role"],
        "Investor",
        "the forging itself is sound"
    );
    for (what, token) in tampered {
        let cookie = format!("pb_session={token}");
        assert_eq!(whoami(&s, &cookie).await, Value::Null, "{what}");
        assert_eq!(
            call(&s, "/api/account/me", Some(&cookie), &[]).await.0,
            StatusCode::UNAUTHORIZED,
            "{what}"
        );
    }
}

async fn cross_site_admin_posts_are_refused(s: TestServer) {
    let cast = Cast::new(s.store.as_ref()).await;
    let target = cast.bystander.to_string();
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let res = client()
            .post(s.url("/api/admin/set-active"))
            .header(header::COOKIE, &cast.admin.cookie)
            .header(name, value)
            .form(&[("user_id", target.as_str()), ("active", "false")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}");
    }
    assert!(
        s.store
            .user_summary(cast.bystander)
            .await
            .unwrap()
            .is_active
    );
    // Server functions that change state do not answer GET.
    let res = client()
        .get(s.url(&format!(
            "/api/admin/set-active?user_id={target}&active=false"
        )))
        .header(header::COOKIE, &cast.admin.cookie)
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), StatusCode::OK);
    assert!(
        s.store
            .user_summary(cast.bystander)
            .await
            .unwrap()
            .is_active
    );
}

async fn sign_in_and_sign_up_are_rate_limited(s: TestServer) {
    let cast = Cast::new(s.store.as_ref()).await;
    let limit = app::ssr::rate_limit::SIGN_IN_PER_ACCOUNT.max_hits;
    for _ in 0..limit {
        let res = sign_in_by_script(&s, &cast.verified.email, "wrong guess 1234").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = sign_in_by_script(&s, &cast.verified.email, PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let retry: u64 = res.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    assert!(res.text().await.unwrap().contains("RateLimited"));
    // Another account from the same address is still served.
    assert_eq!(
        sign_in_by_script(&s, &cast.consultant.email, PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );

    let signups = app::ssr::rate_limit::SIGN_UP_PER_IP.max_hits;
    let mut last = StatusCode::OK;
    for i in 0..=signups {
        let email = format!("bad{i}@x.kr");
        // Invalid forms are refused before they count; valid ones count.
        let form = [
            ("form[email]", email.as_str()),
            ("form[display_name]", "이름"),
            ("form[password]", "granite orchard evening"),
            ("form[password_confirm]", "granite orchard evening"),
            ("form[role]", "startup"),
            ("form[company_name]", "회사"),
        ];
        last = call(&s, "/api/auth/sign-up", None, &form).await.0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        s.store
            .user_by_email(&format!("bad{signups}@x.kr"))
            .await
            .err()
            .map(|e| e.to_string()),
        Some("not found".into())
    );
}

on_both_backends!(crate::common::app_server::with_server =>
    the_role_action_matrix_holds_on_every_endpoint,
    admins_cannot_lock_themselves_out,
    sign_up_creates_accounts_and_refuses_bad_input,
    unverified_investors_gain_access_when_verified,
    password_change_revokes_old_cookies,
    disabling_or_changing_role_ends_sessions_at_once,
    tampered_tokens_are_all_rejected,
    cross_site_admin_posts_are_refused,
    sign_in_and_sign_up_are_rate_limited,
);

/// Every registered server function either needs a session or is on the
/// public allow-list, and the allow-list names only real functions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_callers_reach_only_allow_listed_server_functions() {
    use server::api_guard::PUBLIC_SERVER_FNS;
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    assert!(registered.len() >= 20, "{registered:?}");
    for public in PUBLIC_SERVER_FNS {
        assert!(
            registered.iter().any(|p| p == public),
            "stale allow-list entry {public}"
        );
    }
    crate::common::app_server::with_server("sqlite", |s| async move {
        for path in &registered {
            let (status, body) = call(&s, path, None, &[]).await;
            if PUBLIC_SERVER_FNS.contains(&path.as_str()) {
                assert_ne!(status, StatusCode::UNAUTHORIZED, "{path} is public: {body}");
            } else {
                assert_eq!(
                    status,
                    StatusCode::UNAUTHORIZED,
                    "{path} answered anonymously: {body}"
                );
                assert_eq!(body, "\"Unauthorized\"");
            }
        }
    })
    .await;
}
