use crate::config::LogFormat;
use tracing_subscriber::{fmt, EnvFilter};

/// Structured logs to stderr; level from `RUST_LOG` (default `info`, with
/// the chattier dependencies turned down).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.compact().try_init(),
    };
}
