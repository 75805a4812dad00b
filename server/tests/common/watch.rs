//! What a test process saw besides the answers: panics anywhere (the
//! panic hook counts them) and every ERROR event logged. Each test binary
//! that uses it gets its own counters, so tests in other binaries cannot
//! disturb them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

static PANICS: AtomicUsize = AtomicUsize::new(0);
static ERRORS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Keeps every ERROR event (its target and fields) for the assertions.
struct RecordErrors;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for RecordErrors {
    fn on_event(
        &self,
        event: &tracing::Event<'_>,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        struct Fields(String);
        impl tracing::field::Visit for Fields {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                self.0.push_str(&format!(" {}={value:?}", field.name()));
            }
        }
        if *event.metadata().level() == tracing::Level::ERROR {
            let mut fields = Fields(event.metadata().target().to_string());
            event.record(&mut fields);
            ERRORS.lock().unwrap().push(fields.0);
        }
    }
}

fn record_errors() {
    use tracing_subscriber::layer::SubscriberExt;
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let subscriber = tracing_subscriber::registry()
            .with(RecordErrors)
            .with(tracing_subscriber::fmt::layer().with_test_writer());
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
    });
}

pub fn assert_no_errors(backend: &str) {
    let errors = ERRORS.lock().unwrap();
    assert!(
        errors.is_empty(),
        "{backend}: {} errors logged, e.g. {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
}

fn count_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
}

/// Panics counted since `watch` was first called.
pub fn panics() -> usize {
    PANICS.load(Ordering::SeqCst)
}

/// Starts watching: the panic hook counts from here on and every ERROR
/// event is kept. Once per process; later calls change nothing.
pub fn watch() {
    count_panics();
    record_errors();
}
