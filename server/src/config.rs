//! Configuration: flags, then environment variables (with an optional
//! `.env`), then defaults — validated once at start. Names follow the
//! ecosystems they come from: `DATABASE_URL` (sqlx), `LEPTOS_*`
//! (cargo-leptos), `RUST_LOG` (tracing).

use clap::{Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "server", version, about = "Pitchbridge web server")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Load the demo data set (idempotent) and exit.
    SeedDemo,
    /// Fill the database with synthetic published companies for the
    /// directory benchmark (`.ci/bench`) and exit. Never for real data.
    BenchSeed {
        #[arg(long, default_value_t = 10_000)]
        companies: usize,
        /// Also seed a club's deal flow (`.ci/bench deals`): this many
        /// verified investors in one approved club (0: none).
        #[arg(long, default_value_t = 0)]
        deal_investors: usize,
        /// Companies the club's investors follow in all (`bench-0` …), one
        /// interest each; at most `--companies`.
        #[arg(long, default_value_t = 2_000)]
        deal_companies: usize,
        /// Stage changes spread over those interests.
        #[arg(long, default_value_t = 20_000)]
        deal_changes: usize,
        /// Investors recording their changes at once.
        #[arg(long, default_value_t = 1)]
        deal_concurrency: usize,
        /// Also seed readiness work (`.ci/bench readiness`): this many
        /// consultants, plus one admin (0: none).
        #[arg(long, default_value_t = 0)]
        readiness_consultants: usize,
        /// Companies the consultants are assigned to (`bench-0` …), about
        /// an equal share each; at most `--companies`.
        #[arg(long, default_value_t = 10_000)]
        readiness_companies: usize,
        /// Checklist item status changes spread over their checklists.
        #[arg(long, default_value_t = 200_000)]
        readiness_events: usize,
        /// Consultants whose companies are seeded at once.
        #[arg(long, default_value_t = 1)]
        readiness_concurrency: usize,
        /// Also seed forum history (`.ci/bench impact`): this many closed
        /// forums a quarter apart, every deal investor attending and
        /// scoring every presenting company (0: none; needs
        /// `--deal-investors`).
        #[arg(long, default_value_t = 0)]
        forums: usize,
        /// Presenting companies per forum.
        #[arg(long, default_value_t = 20)]
        forum_slots: usize,
        /// Confirmed outcomes spread over the forums' companies.
        #[arg(long, default_value_t = 2_000)]
        forum_outcomes: usize,
    },
    /// Account administration from the command line.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum AdminCommand {
    /// Create an admin or consultant account (the first admin comes from
    /// here). The password is read from standard input, or from
    /// PITCHBRIDGE_ADMIN_PASSWORD when set.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// `admin` or `consultant`.
        #[arg(long, default_value = "admin")]
        role: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CookieSecure {
    /// Secure cookies when the request arrived over HTTPS (directly or via
    /// a proxy's `X-Forwarded-Proto`).
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Database URL: `sqlite://path/to/file.db` or `postgres://user@host/db`.
    /// Defaults to a SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory for the SQLite file, the generated secret and uploads.
    #[arg(long, env = "PITCHBRIDGE_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Address to listen on.
    #[arg(
        long = "addr",
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000"
    )]
    pub site_addr: SocketAddr,

    /// Folder with the compiled site (`pkg/` with wasm, JS and CSS).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// File name stem of the compiled front end inside `pkg/`.
    #[arg(long, env = "LEPTOS_OUTPUT_NAME", default_value = "pitchbridge")]
    pub output_name: String,

    /// `DEV` enables live reload when run by `cargo leptos watch`.
    #[arg(long, env = "LEPTOS_ENV", default_value = "PROD")]
    pub leptos_env: String,

    /// Live-reload websocket port used by `cargo leptos watch`.
    #[arg(long, env = "LEPTOS_RELOAD_PORT", default_value_t = 3001)]
    pub reload_port: u32,

    /// Signing key for session tokens: at least 32 bytes. When unset, one
    /// is generated on first start and kept in `<data-dir>/secret.key`
    /// (mode 0600), so restarts keep sessions valid.
    #[arg(long, env = "PITCHBRIDGE_SECRET", hide_env_values = true)]
    pub secret: Option<String>,

    /// When session cookies carry the `Secure` attribute.
    #[arg(
        long,
        env = "PITCHBRIDGE_COOKIE_SECURE",
        value_enum,
        default_value = "auto"
    )]
    pub cookie_secure: CookieSecure,

    /// Sessions end after this many minutes without a request.
    #[arg(long, env = "PITCHBRIDGE_SESSION_IDLE_MINUTES", default_value_t = 120)]
    pub session_idle_minutes: i64,

    /// Sessions end this many hours after sign-in, whatever the activity.
    #[arg(long, env = "PITCHBRIDGE_SESSION_MAX_HOURS", default_value_t = 24 * 14)]
    pub session_max_hours: i64,

    /// Load the demo data set at start (idempotent).
    #[arg(long, env = "PITCHBRIDGE_DEMO", default_value_t = false)]
    pub demo: bool,

    /// Connections in the database pool.
    #[arg(long, env = "PITCHBRIDGE_DB_MAX_CONNECTIONS", default_value_t = 10)]
    pub db_max_connections: u32,

    /// Log line format; the level comes from `RUST_LOG` (default `info`).
    #[arg(
        long,
        env = "PITCHBRIDGE_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    pub log_format: LogFormat,

    /// Behind a reverse proxy: take the client address (for rate limits
    /// and the audit log) from the last `X-Forwarded-For` entry.
    #[arg(long, env = "PITCHBRIDGE_TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,

    /// SMTP server for e-mail: `smtp://host:port` (plain, for a local
    /// relay), `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host` (TLS). Unset: mail is queued but not sent.
    #[arg(long, env = "PITCHBRIDGE_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of e-mail.
    #[arg(long, env = "PITCHBRIDGE_MAIL_FROM", default_value = crate::mail::DEFAULT_FROM)]
    pub mail_from: String,

    /// How often the mail worker looks for messages to send, in seconds.
    #[arg(long, env = "PITCHBRIDGE_MAIL_POLL_SECONDS", default_value_t = 5)]
    pub mail_poll_seconds: u64,

    /// The portal's public address (`https://pitchbridge.example.kr`), for
    /// links in e-mail. Defaults to `http://` and the listening address.
    #[arg(long, env = "PITCHBRIDGE_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Largest accepted request body, in bytes.
    #[arg(long, env = "PITCHBRIDGE_MAX_BODY_BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body_bytes: usize,
}

impl Config {
    pub fn session_policy(&self) -> app::ssr::session::SessionPolicy {
        use app::ssr::session::{CookieSecure as Policy, SessionPolicy};
        SessionPolicy {
            idle: chrono::Duration::minutes(self.session_idle_minutes.max(1)),
            absolute: chrono::Duration::hours(self.session_max_hours.max(1)),
            cookie_secure: match self.cookie_secure {
                CookieSecure::Auto => Policy::Auto,
                CookieSecure::Always => Policy::Always,
                CookieSecure::Never => Policy::Never,
            },
        }
    }

    /// The address links in e-mail start with, without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_string(),
            _ => match self.site_addr.ip() {
                ip if ip.is_unspecified() => format!("http://localhost:{}", self.site_addr.port()),
                _ => format!("http://{}", self.site_addr),
            },
        }
    }

    /// The database URL to use: the configured one, or the SQLite file in
    /// the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_string(),
            _ => format!(
                "sqlite://{}",
                self.data_dir.join("pitchbridge.db").display()
            ),
        }
    }

    pub fn leptos_options(&self) -> leptos::config::LeptosOptions {
        let env = if self.leptos_env.eq_ignore_ascii_case("dev") {
            leptos::config::Env::DEV
        } else {
            leptos::config::Env::PROD
        };
        leptos::config::LeptosOptions::builder()
            .output_name(self.output_name.as_str())
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .reload_port(self.reload_port)
            .env(env)
            .build()
    }
}
