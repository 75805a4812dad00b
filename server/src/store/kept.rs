//! Values read from the database and kept for a short while by this
//! process: what many visitors read and few writes change.
//!
//! - The cluster list with its company counts (landing page, directory,
//!   cluster pages): the clusters only change with a migration, but the
//!   counts are a `COUNT` over every published company.
//! - The facts behind the public impact dashboard (`/impact`, its CSV): six
//!   queries over every forum, slot, interest and confirmed outcome.
//!
//! A process drops what it keeps when it writes something that changes it;
//! other processes on the same database see the change within `TTL`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(crate) const TTL: Duration = Duration::from_secs(60);

pub(crate) struct Kept<T> {
    kept: Mutex<Option<(Instant, Arc<T>)>>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Self {
            kept: Mutex::new(None),
        }
    }
}

impl<T> Kept<T> {
    /// The kept value, if it is younger than `TTL`.
    pub(crate) fn fresh(&self) -> Option<Arc<T>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, value)| value.clone())
    }

    pub(crate) fn keep(&self, value: T) -> Arc<T> {
        let value = Arc::new(value);
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), value.clone()));
        value
    }

    /// After a write that changes the value.
    pub(crate) fn forget(&self) {
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_until_forgotten() {
        let kept = Kept::<Vec<u8>>::default();
        assert!(kept.fresh().is_none());
        kept.keep(vec![1]);
        assert_eq!(kept.fresh().as_deref(), Some(&vec![1]));
        kept.forget();
        assert!(kept.fresh().is_none());
    }
}
