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

/// Sends panics through the log (error level, with where they happened)
/// instead of bare lines on stderr, so they reach the same place, in the
/// same format, as everything else. `catch_panic` adds the request's route.
pub fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = crate::catch_panic::panic_message(info.payload());
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        let thread = std::thread::current();
        let backtrace = std::backtrace::Backtrace::capture();
        tracing::error!(
            thread = thread.name().unwrap_or("unnamed"),
            location,
            %backtrace,
            "panic: {message}"
        );
    }));
}
