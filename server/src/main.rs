use app::ssr::session::SessionKeys;
use clap::Parser;
use server::config::{AdminCommand, Cli, Command};
use server::routes::Limits;
use server::session::Sessions;
use server::startup::StartupError;
use server::{build_router, seed, store, telemetry, AppState};
use std::process::ExitCode;
use std::sync::Arc;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    // A missing .env is normal; flags and the environment still apply.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    telemetry::init(cli.config.log_format);
    telemetry::log_panics();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line that says what to fix; no backtrace.
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), StartupError> {
    let config = cli.config;
    std::fs::create_dir_all(&config.data_dir).map_err(|e| {
        StartupError::new(format!(
            "cannot create the data directory {}: {e}; set --data-dir or PITCHBRIDGE_DATA_DIR to a writable folder",
            config.data_dir.display()
        ))
    })?;
    let settings = store::PoolSettings {
        max_connections: config.db_max_connections,
        ..Default::default()
    };
    let store = store::open(&config.database_url(), settings).await?;
    let rerendered = store
        .rerender_stored_html(
            app::ssr::markdown::RENDERER_VERSION,
            app::ssr::markdown::render,
        )
        .await
        .map_err(|e| StartupError::new(format!("cannot update the stored pitch HTML: {e}")))?;
    if rerendered > 0 {
        tracing::info!(
            sections = rerendered,
            "stored pitch HTML rendered again for the new renderer"
        );
    }

    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            tracing::info!("migrations are up to date");
            store.close().await;
            return Ok(());
        }
        Command::SeedDemo => {
            load_demo(store.as_ref()).await?;
            store.close().await;
            return Ok(());
        }
        Command::BenchSeed {
            companies,
            deal_investors,
            deal_companies,
            deal_changes,
            deal_concurrency,
            readiness_consultants,
            readiness_companies,
            readiness_events,
            readiness_concurrency,
            forums,
            forum_slots,
            forum_outcomes,
        } => {
            let mut result = bench_seed(
                store.as_ref(),
                companies,
                deal_investors,
                deal_companies,
                deal_changes,
                deal_concurrency,
            )
            .await;
            if result.is_ok() && readiness_consultants > 0 {
                result = bench_seed_readiness(
                    store.as_ref(),
                    readiness_consultants,
                    readiness_companies.min(companies),
                    readiness_events,
                    readiness_concurrency,
                )
                .await;
            }
            if result.is_ok() && forums > 0 {
                result = bench_seed_forums(
                    store.as_ref(),
                    forums,
                    forum_slots,
                    companies,
                    deal_investors,
                    forum_outcomes,
                )
                .await;
            }
            store.close().await;
            return result.map_err(|e| StartupError::new(format!("bench seed failed: {e}")));
        }
        Command::Admin {
            action: AdminCommand::Create { email, name, role },
        } => {
            let result =
                server::admin_cli::create_staff(store.as_ref(), &email, &name, &role).await;
            store.close().await;
            let id = result?;
            println!("created {role} account {email} (id {id})");
            return Ok(());
        }
        Command::Serve => {}
    }

    let moved = server::logo::import_disk_logos(store.as_ref(), &config.data_dir).await;
    if moved > 0 {
        tracing::info!(
            logos = moved,
            "logos moved from the data directory into the database"
        );
    }

    // Validated now so a bad key stops the server before it takes traffic.
    let secret = server::secret::load_or_create(config.secret.as_deref(), &config.data_dir)?;
    if config.demo {
        // A database that already holds real accounts keeps serving; only
        // the explicit `seed-demo` command treats the refusal as fatal.
        if let Err(err) = load_demo(store.as_ref()).await {
            tracing::warn!(%err, "demo data not loaded");
        }
    }

    let leptos_options = config.leptos_options();
    let addr = leptos_options.site_addr;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        StartupError::new(format!(
            "cannot listen on {addr}: {e}; stop the other process or choose another address with --addr or LEPTOS_SITE_ADDR"
        ))
    })?;
    let limits = Limits {
        max_body_bytes: config.max_body_bytes,
        trust_forwarded_for: config.trust_proxy,
        ..Limits::default()
    };
    let keys = Arc::new(SessionKeys::new(secret.as_bytes()));
    let public_url = config.public_url();
    // Checked before the server takes traffic: a bad SMTP URL or sender
    // stops it with one line rather than failing every message later.
    let mail_worker = match &config.smtp_url {
        Some(url) if !url.trim().is_empty() => Some(server::mail::worker::Worker {
            store: store.clone(),
            transport: server::mail::transport(url.trim())?,
            from: server::mail::sender(&config.mail_from)?,
            public_url: public_url.as_str().into(),
            keys: keys.clone(),
            poll: std::time::Duration::from_secs(config.mail_poll_seconds.max(1)),
            clock: server::mail::worker::Worker::system_clock(),
        }),
        _ => {
            tracing::info!("e-mail is off: PITCHBRIDGE_SMTP_URL is not set (messages stay queued)");
            None
        }
    };
    let router = build_router(
        AppState {
            bundle: std::sync::Arc::new(server::assets::bundle_files(&leptos_options)),
            leptos_options,
            store: store.clone(),
            public_url: app::ssr::mail::PublicUrl(public_url.as_str().into()),
            sessions: Sessions {
                store: store.clone(),
                keys,
                policy: config.session_policy(),
            },
        },
        limits,
    );

    let shown = match addr.ip() {
        ip if ip.is_unspecified() => format!("http://localhost:{}", addr.port()),
        _ => format!("http://{addr}"),
    };
    tracing::info!(url = %shown, database = store.backend().as_str(), "Pitchbridge is listening");
    println!("Pitchbridge is running at {shown}");

    let (stop_mail, stop_rx) = tokio::sync::watch::channel(false);
    let mail_task = mail_worker.map(|worker| tokio::spawn(worker.run(stop_rx.clone())));
    // Reminders are recorded with or without SMTP: the notification is the
    // main part, the e-mail waits in the outbox until mail is configured.
    let reminder_task = tokio::spawn(
        server::reminders::ReminderJob {
            store: store.clone(),
            public_url: public_url.as_str().into(),
            every: std::time::Duration::from_secs(3600),
            clock: server::mail::worker::Worker::system_clock(),
        }
        .run(stop_rx),
    );

    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    // The worker stops with the server and before the pool closes; a
    // message it was sending is claimed again after the lease.
    let _ = stop_mail.send(true);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), reminder_task).await;
    if let Some(task) = mail_task {
        if tokio::time::timeout(std::time::Duration::from_secs(40), task)
            .await
            .is_err()
        {
            tracing::warn!("mail worker did not stop in time");
        }
    }
    served.map_err(|e| StartupError::new(format!("server stopped: {e}")))?;
    store.close().await;
    tracing::info!("shut down cleanly");
    Ok(())
}

async fn bench_seed(
    store: &dyn app::ssr::Store,
    companies: usize,
    deal_investors: usize,
    deal_companies: usize,
    deal_changes: usize,
    deal_concurrency: usize,
) -> Result<(), app::ssr::DbError> {
    use server::bench_seed::deals;
    let started = std::time::Instant::now();
    let added = server::bench_seed::seed(store, companies).await?;
    println!(
        "added {added} benchmark companies in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if deal_investors == 0 {
        return Ok(());
    }
    let report = deals::seed(
        store,
        deal_investors,
        deal_companies.min(companies),
        deal_changes,
        deal_concurrency,
    )
    .await?;
    if report.already_seeded {
        println!(
            "benchmark deal flow already there (club {})",
            report.club_id
        );
    } else {
        println!(
            "deal flow: club {} with {} investors, {} interests, {} stage changes in {:.1} s \
             ({:.0}/s, concurrency {deal_concurrency}), {} follows without a stage, {} updates, \
             {} meeting answers; {:.1} s in all",
            report.club_id,
            report.investors,
            report.interests,
            report.changes,
            report.seconds_changes,
            report.changes as f64 / report.seconds_changes.max(1e-9),
            report.follows_only,
            report.updates,
            report.answered,
            report.seconds_total,
        );
    }
    println!(
        "bench investors {} … {}, password {:?}",
        deals::investor_email(0),
        deals::investor_email(deal_investors - 1),
        deals::BENCH_PASSWORD
    );
    println!("BENCH_CLUB_ID={}", report.club_id);
    Ok(())
}

/// The impact benchmark's forum history (after the companies and the
/// deal seed's investors).
async fn bench_seed_forums(
    store: &dyn app::ssr::Store,
    forums: usize,
    slots: usize,
    companies: usize,
    investors: usize,
    outcomes: usize,
) -> Result<(), app::ssr::DbError> {
    let report =
        server::bench_seed::forums::seed(store, forums, slots, companies, investors, outcomes)
            .await?;
    if report.already_seeded {
        println!("benchmark forums already there");
    } else {
        println!(
            "forums: {} forums, {} slots, {} scorecards, {} outcomes in {:.1} s",
            report.forums, report.slots, report.scorecards, report.outcomes, report.seconds
        );
    }
    Ok(())
}

/// The readiness benchmark's consultants and checklists (after the
/// companies), with the figures and accounts `.ci/bench readiness` reads.
async fn bench_seed_readiness(
    store: &dyn app::ssr::Store,
    consultants: usize,
    companies: usize,
    events: usize,
    concurrency: usize,
) -> Result<(), app::ssr::DbError> {
    use app::domain::seoul_time::seoul_date;
    use server::bench_seed::readiness;
    let report = readiness::seed(store, consultants, companies, events, concurrency).await?;
    if report.already_seeded {
        println!("benchmark readiness work already there");
    } else {
        println!(
            "readiness: {} consultants, {} assignments in force and {} ended over {} companies, \
             {} checklists in {:.1} s; {} item status changes in {:.1} s ({:.0}/s, concurrency \
             {concurrency}); {} due dates in {:.1} s; {:.1} s in all",
            report.consultants,
            report.assignments,
            report.ended_assignments,
            report.companies,
            report.checklists,
            report.seconds_setup,
            report.events,
            report.seconds_events,
            report.events as f64 / report.seconds_events.max(1e-9),
            report.planned_items,
            report.seconds_plans,
            report.seconds_total,
        );
    }
    // What the two portfolios hold, read the way the page reads them (and
    // the store's time for it, without rendering).
    let now = chrono::Utc::now();
    let mut counts = Vec::new();
    for (label, consultant) in [
        ("consultant", Some(report.first_consultant_id)),
        ("admin", None),
    ] {
        let started = std::time::Instant::now();
        let rows = store
            .portfolio(
                consultant,
                seoul_date(now),
                now - chrono::Duration::days(30),
            )
            .await?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let today = seoul_date(now);
        let stalled = rows.iter().filter(|r| r.is_stalled(now)).count();
        let overdue = rows.iter().filter(|r| r.overdue > 0).count();
        let due_soon = rows
            .iter()
            .filter(|r| r.next_due.is_some_and(|d| (d - today).num_days() <= 7))
            .count();
        let mut bands = [0usize; 4];
        for r in &rows {
            let band = app::domain::readiness::ReadinessBand::ALL
                .iter()
                .position(|b| *b == r.band())
                .unwrap_or(0);
            bands[band] += 1;
        }
        println!(
            "{label} portfolio: {} checklists ({overdue} with overdue items, {due_soon} due within \
             a week, {stalled} stalled; bands {bands:?}), read by the store in {ms:.0} ms",
            rows.len()
        );
        counts.push(rows.len());
    }
    println!(
        "bench consultants {} … {}, admin {}, password {:?}",
        readiness::consultant_email(0),
        readiness::consultant_email(consultants - 1),
        readiness::ADMIN_EMAIL,
        server::bench_seed::deals::BENCH_PASSWORD
    );
    println!("BENCH_CONSULTANT_EMAIL={}", readiness::consultant_email(0));
    println!("BENCH_CONSULTANT_ID={}", report.first_consultant_id);
    println!("BENCH_CONSULTANT_ROWS={}", counts[0]);
    println!("BENCH_ADMIN_EMAIL={}", readiness::ADMIN_EMAIL);
    println!("BENCH_ADMIN_ROWS={}", counts[1]);
    Ok(())
}

async fn load_demo(store: &dyn app::ssr::Store) -> Result<(), StartupError> {
    let hash = app::ssr::password::hash(seed::DEMO_PASSWORD)
        .await
        .map_err(|e| StartupError::new(format!("cannot hash the demo password: {e}")))?;
    let added = seed::load_demo(store, &hash)
        .await
        .map_err(|e| StartupError::new(format!("demo seed refused: {e}")))?;
    tracing::info!(added, "demo data loaded");
    println!(
        "Demo accounts ({}), password {:?}",
        seed::demo_emails().collect::<Vec<_>>().join(", "),
        seed::DEMO_PASSWORD
    );
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before
/// the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}
