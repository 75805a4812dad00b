//! E-mail end to end, on both databases, against a real SMTP server
//! (aiosmtpd, see `common::smtp`): a meeting request made through the
//! real form reaches the founder in Korean; the daily digest reaches each
//! reader who opted in (through the account form) once, in their language,
//! with an unsubscribe link that works; and the outbox's claims, lease and
//! back-off hold with several claimers and a dead SMTP server.

mod common;

use app::domain::company::{NewUpdate, UpdateKind};
use app::domain::role::Role;
use app::ssr::mail_store::{MailKind, NewMail, MAX_ATTEMPTS};
use app::ssr::session::SessionKeys;
use app::ssr::{NewAuditEvent, NewUser, Store};
use chrono::{DateTime, Duration, Timelike, Utc};
use common::app_server::{client, TestServer, TEST_SECRET};
use common::calls;
use common::people::{
    self, open_session, publish_with, register_founder, register_verified_investor, setup_event,
};
use common::smtp::SmtpSink;
use reqwest::{header, StatusCode};
use server::mail::worker::{Clock, Worker};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

fn event() -> NewAuditEvent {
    setup_event("test.setup")
}

/// An account with its own name and language.
fn new_user(email: &str, name: &str, role: Role, locale: &str) -> NewUser {
    NewUser {
        display_name: name.into(),
        locale: locale.into(),
        ..people::new_user(email, role)
    }
}

/// A founder with a published company: (user id, company id).
async fn founder(store: &dyn Store, email: &str, slug: &str, name: &str) -> (i64, i64) {
    let user = new_user(email, "이대표", Role::Startup, "ko");
    let (id, company_id) = register_founder(store, user, slug, name).await;
    publish_with(store, id, company_id, "소개").await;
    (id, company_id)
}

/// A verified investor of an approved club: (user id, session cookie).
async fn investor(
    store: &dyn Store,
    email: &str,
    name: &str,
    club: &str,
    locale: &str,
) -> (i64, String) {
    let user = new_user(email, name, Role::Investor, locale);
    let (id, _) = register_verified_investor(store, user, club).await;
    (id, open_session(store, id).await)
}

/// A plain form post from `referer`, as a browser without JavaScript
/// sends it.
async fn form_post(
    s: &TestServer,
    path: &str,
    cookie: &str,
    referer: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    calls::form_post(s, path, cookie, &s.url(referer), form).await
}

/// A clock the test moves by hand.
fn manual_clock(start: DateTime<Utc>) -> (Clock, Arc<Mutex<DateTime<Utc>>>) {
    let now = Arc::new(Mutex::new(start));
    let read = now.clone();
    (Arc::new(move || *read.lock().unwrap()), now)
}

/// Now, moved on to 09:00 Seoul time or later, when digests go out.
fn digest_time() -> DateTime<Utc> {
    let now = Utc::now();
    let hour = app::domain::seoul_time::to_seoul(now).hour();
    if hour >= 9 {
        now
    } else {
        now + Duration::hours(i64::from(9 - hour))
    }
}

fn worker(store: Arc<dyn Store>, smtp_url: &str, base: &str, clock: Clock) -> Worker {
    Worker {
        store,
        transport: server::mail::transport(smtp_url).unwrap(),
        from: server::mail::sender(server::mail::DEFAULT_FROM).unwrap(),
        public_url: base.into(),
        keys: Arc::new(SessionKeys::new(TEST_SECRET)),
        poll: std::time::Duration::from_millis(100),
        clock,
    }
}

const WAIT: std::time::Duration = std::time::Duration::from_secs(30);

async fn meeting_request_reaches_the_founder_in_korean(s: TestServer) {
    let store = s.store.clone();
    let (_, company_id) = founder(
        store.as_ref(),
        "ceo@hangang.kr",
        "hangang-robotics",
        "한강로보틱스",
    )
    .await;
    let (_, cookie) = investor(
        store.as_ref(),
        "kim@angel.kr",
        "김투자",
        "한강엔젤클럽",
        "ko",
    )
    .await;
    let sink = SmtpSink::start();

    let message = "다음 주 화요일에 뵙고 싶습니다.";
    let res = form_post(
        &s,
        "/api/deals/stage",
        &cookie,
        "/companies/hangang-robotics",
        &[
            ("slug", "hangang-robotics"),
            ("expected", ""),
            ("form[stage]", "meeting_requested"),
            ("form[message]", message),
        ],
    )
    .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(!location.contains("__err"), "{location}");
    // Queued with the request, before any worker runs.
    assert_eq!(store.outbox_counts().await.unwrap().queued, 1);
    assert_eq!(store.company_recipients(company_id).await.unwrap().len(), 1);

    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(
        worker(store.clone(), &sink.url(), &s.base, Worker::system_clock()).run(stopped),
    );
    let mails = sink.wait_for(1, WAIT).await;
    let mail = &mails[0];
    assert_eq!(mail.envelope_to(), "ceo@hangang.kr");
    assert!(
        mail.header("To").contains("ceo@hangang.kr"),
        "{}",
        mail.header("To")
    );
    assert_eq!(
        mail.subject(),
        "[Pitchbridge] 한강엔젤클럽 김투자 님이 미팅을 요청했습니다"
    );
    let body = mail.body();
    assert!(body.contains(message), "{body}");
    assert!(body.contains("이대표 님, 안녕하세요."), "{body}");
    let link = format!("{}/companies/hangang-robotics/interest", s.base);
    assert!(body.contains(&link), "{body}");
    assert!(mail.header("Content-Type").contains("text/plain"));

    // Sent once: the row is marked, and nothing more arrives.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.sent, counts.queued, counts.sending), (1, 0, 0));
    assert_eq!(sink.received().len(), 1);
    stop.send(true).unwrap();
    task.await.unwrap();

    // The link in the mail answers (the founder's page; a visitor is sent
    // to sign in rather than shown an error).
    let res = client().get(&link).send().await.unwrap();
    assert_ne!(res.status(), StatusCode::NOT_FOUND);
}

async fn digest_arrives_once_in_each_language_and_unsubscribes(s: TestServer) {
    let store = s.store.clone();
    let (founder_id, company_id) =
        founder(store.as_ref(), "ceo@mapo.kr", "mapo-bio", "마포바이오").await;
    let (ko_id, ko_cookie) =
        investor(store.as_ref(), "park@angel.kr", "박투자", "마포엔젤", "ko").await;
    let (en_id, en_cookie) =
        investor(store.as_ref(), "jane@angel.kr", "Jane", "마포엔젤", "en").await;
    // A reader who did not opt in gets nothing.
    let (quiet_id, _) =
        investor(store.as_ref(), "quiet@angel.kr", "조용한", "마포엔젤", "ko").await;

    for cookie in [&ko_cookie, &en_cookie] {
        let res = form_post(
            &s,
            "/api/account/digest",
            cookie,
            "/account",
            &[("digest", "on")],
        )
        .await;
        assert!(res.status().is_redirection(), "{}", res.status());
    }
    assert!(store.digest_opt_in(ko_id).await.unwrap());
    assert!(store.digest_opt_in(en_id).await.unwrap());
    assert!(!store.digest_opt_in(quiet_id).await.unwrap());
    // Bad input is refused and changes nothing.
    let res = form_post(
        &s,
        "/api/account/digest",
        &en_cookie,
        "/account",
        &[("digest", "maybe")],
    )
    .await;
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.contains("__err"), "{location}");
    assert!(store.digest_opt_in(en_id).await.unwrap());

    // Followed after the pitch went out: the update is the one news item.
    let followed = Utc::now();
    for user in [ko_id, en_id, quiet_id] {
        store.follow(user, company_id, followed).await.unwrap();
    }
    store
        .post_update(
            company_id,
            &NewUpdate {
                kind: UpdateKind::Contract,
                title: "대기업과 공급 계약".into(),
                body: String::new(),
            },
            founder_id,
            Utc::now(),
            &event(),
        )
        .await
        .unwrap();

    let sink = SmtpSink::start();
    let (clock, _) = manual_clock(digest_time());
    let (stop, stopped) = watch::channel(false);
    let task =
        tokio::spawn(worker(store.clone(), &sink.url(), &s.base, clock.clone()).run(stopped));
    let mails = sink.wait_for(2, WAIT).await;
    // A second process looking for digests the same day queues nothing.
    let again = worker(store.clone(), &sink.url(), &s.base, clock.clone());
    assert_eq!(again.queue_digests(clock()).await.unwrap(), 0);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    stop.send(true).unwrap();
    task.await.unwrap();
    assert_eq!(sink.received().len(), 2, "one digest each, no more");

    let ko = mails
        .iter()
        .find(|m| m.envelope_to() == "park@angel.kr")
        .unwrap();
    let en = mails
        .iter()
        .find(|m| m.envelope_to() == "jane@angel.kr")
        .unwrap();
    assert!(
        ko.subject().starts_with("[Pitchbridge]"),
        "{}",
        ko.subject()
    );
    assert!(ko.subject().contains("새 소식 1건"), "{}", ko.subject());
    let ko_body = ko.body();
    assert!(ko_body.contains("박투자 님, 안녕하세요."), "{ko_body}");
    assert!(
        ko_body.contains("마포바이오: 새 소식: 대기업과 공급 계약"),
        "{ko_body}"
    );
    assert!(en.subject().contains("1 new item"), "{}", en.subject());
    assert!(en.body().contains("Hello Jane,"), "{}", en.body());
    assert!(
        en.body().contains("Update: 대기업과 공급 계약"),
        "{}",
        en.body()
    );

    // The header and the body carry the same link.
    let header_link = ko.header("List-Unsubscribe");
    let link = header_link
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    assert!(
        link.starts_with(&format!("{}/mail/unsubscribe?token=", s.base)),
        "{link}"
    );
    assert!(ko_body.contains(&link), "{ko_body}");
    assert_eq!(
        ko.header("List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );

    // Following the link only shows a page: a scanner's GET changes nothing.
    let res = client().get(&link).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("park@angel.kr 주소로 보내는 일일 요약 메일을 그만 받으시겠습니까?"),
        "{page}"
    );
    assert!(page.contains("method=\"post\""), "{page}");
    assert!(store.digest_opt_in(ko_id).await.unwrap());
    let token = link.split("token=").nth(1).unwrap().to_string();

    // A tampered token is refused and changes nothing.
    let mut tampered = token.clone();
    tampered.insert(tampered.len() - 3, 'x');
    let res = client()
        .post(s.url("/mail/unsubscribe"))
        .form(&[("token", tampered.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(store.digest_opt_in(ko_id).await.unwrap());

    // The page's button: a form post with the token, from the page.
    let res = client()
        .post(s.url("/mail/unsubscribe"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let done = res.text().await.unwrap();
    assert!(
        done.contains("일일 요약 메일 수신을 거부했습니다."),
        "{done}"
    );
    assert!(!store.digest_opt_in(ko_id).await.unwrap());
    // Only the token's user changed.
    assert!(store.digest_opt_in(en_id).await.unwrap());

    // RFC 8058 one-click: a mail provider's POST to the link itself.
    let en_link = en.header("List-Unsubscribe");
    let en_link = en_link.trim_start_matches('<').trim_end_matches('>');
    let res = client()
        .post(en_link)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("You will no longer receive"));
    assert!(!store.digest_opt_in(en_id).await.unwrap());
}

on_both_backends!(crate::common::app_server::with_server =>
    meeting_request_reaches_the_founder_in_korean,
    digest_arrives_once_in_each_language_and_unsubscribes,
);

// --- The outbox itself -----------------------------------------------------

fn mail(n: usize, key: Option<String>) -> NewMail {
    NewMail {
        user_id: None,
        to_address: format!("reader{n}@example.kr"),
        to_name: format!("독자 {n}"),
        subject: format!("[Pitchbridge] 테스트 {n}"),
        body_text: "본문".into(),
        body_html: None,
        unsubscribe_url: None,
        kind: MailKind::MeetingRequest,
        dedupe_key: key,
    }
}

/// Two stores (two pools, as two app processes would have) on one fresh
/// database of `backend`.
async fn with_two_stores<F, Fut>(backend: &str, test: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<dyn Store>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let db = common::TestDb::backend(backend).await;
    let second = server::store::open(&db.url, common::test_pool(5))
        .await
        .unwrap();
    test(db.store(), second.clone()).await;
    second.close().await;
    db.finish().await;
}

async fn concurrent_claimers_never_share_a_row(a: Arc<dyn Store>, b: Arc<dyn Store>) {
    let now = Utc::now();
    for n in 0..60 {
        a.enqueue_mail(&mail(n, None), now).await.unwrap();
    }
    // The same digest queued by two processes is one row.
    assert!(a
        .enqueue_mail(&mail(99, Some("digest:1:2026-03-04".into())), now)
        .await
        .unwrap());
    assert!(!b
        .enqueue_mail(&mail(99, Some("digest:1:2026-03-04".into())), now)
        .await
        .unwrap());

    let claimers: Vec<_> = (0..6)
        .map(|i| {
            let store = if i % 2 == 0 { a.clone() } else { b.clone() };
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let got = store
                        .claim_mail(Utc::now(), 4, Duration::minutes(10))
                        .await
                        .unwrap();
                    if got.is_empty() {
                        break;
                    }
                    mine.extend(got.into_iter().map(|m| m.id));
                }
                mine
            })
        })
        .collect();
    let mut all = Vec::new();
    for claimer in claimers {
        all.extend(claimer.await.unwrap());
    }
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 61, "every row claimed");
    assert_eq!(distinct.len(), 61, "no row claimed twice");
    assert_eq!(a.outbox_counts().await.unwrap().sending, 61);

    // A claim whose worker died lapses with its lease and is claimed again.
    let later = Utc::now() + Duration::minutes(11);
    let again = b
        .claim_mail(later, 100, Duration::minutes(10))
        .await
        .unwrap();
    assert_eq!(again.len(), 61);
    assert!(again.iter().all(|m| m.attempts == 2));
}

async fn a_dead_smtp_server_means_back_off_then_give_up(a: Arc<dyn Store>, _b: Arc<dyn Store>) {
    let start = Utc::now();
    a.enqueue_mail(&mail(1, None), start).await.unwrap();
    // A port nobody listens on: the real transport fails to connect.
    let closed = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let (clock, now) = manual_clock(start);
    let w = worker(
        a.clone(),
        &format!("smtp://127.0.0.1:{closed}"),
        "http://pb.test",
        clock,
    );
    let round = w.send_due().await.unwrap();
    assert_eq!((round.sent, round.failed), (0, 1));
    let counts = a.outbox_counts().await.unwrap();
    assert_eq!((counts.queued, counts.sending), (1, 0));
    // Not due again at once: two minutes after the first failure.
    assert_eq!(w.send_due().await.unwrap().failed, 0);
    *now.lock().unwrap() = start + Duration::minutes(1);
    assert_eq!(w.send_due().await.unwrap().failed, 0);
    *now.lock().unwrap() = start + Duration::minutes(3);
    assert_eq!(w.send_due().await.unwrap().failed, 1);
    // The back-off doubles: 4 more minutes is not enough after attempt 2
    // failed at +3 min… until it is.
    *now.lock().unwrap() = start + Duration::minutes(6);
    assert_eq!(w.send_due().await.unwrap().failed, 0);
    *now.lock().unwrap() = start + Duration::minutes(8);
    assert_eq!(w.send_due().await.unwrap().failed, 1);
    // Keep failing until it is given up.
    for _ in 3..MAX_ATTEMPTS {
        let next = *now.lock().unwrap() + Duration::hours(7);
        *now.lock().unwrap() = next;
        assert_eq!(w.send_due().await.unwrap().failed, 1);
    }
    let counts = a.outbox_counts().await.unwrap();
    assert_eq!((counts.queued, counts.failed), (0, 1));
    let later = *now.lock().unwrap() + Duration::days(1);
    assert!(a
        .claim_mail(later, 10, Duration::minutes(10))
        .await
        .unwrap()
        .is_empty());
}

mod outbox {
    crate::on_both_backends!(super::with_two_stores =>
        concurrent_claimers_never_share_a_row,
        a_dead_smtp_server_means_back_off_then_give_up,
    );

    use super::{
        a_dead_smtp_server_means_back_off_then_give_up, concurrent_claimers_never_share_a_row,
        with_two_stores,
    };
}
