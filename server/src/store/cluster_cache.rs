//! The cluster list with its company counts, kept for a short while.
//!
//! The landing page, the directory and the cluster pages all show the
//! eight mini-clusters with how many published companies each has. The
//! clusters themselves only change with a migration, but the counts are a
//! `COUNT` over every published company, which grows with the directory.
//! One process keeps the list for `TTL` and drops it when it publishes or
//! moves a company itself; other processes on the same database see a
//! change within `TTL`.

use app::domain::cluster::Cluster;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub(crate) const TTL: Duration = Duration::from_secs(60);

#[derive(Default)]
pub(crate) struct ClusterCache {
    kept: Mutex<Option<(Instant, Vec<Cluster>)>>,
}

impl ClusterCache {
    /// The kept list, if it is younger than `TTL`.
    pub(crate) fn fresh(&self) -> Option<Vec<Cluster>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, clusters)| clusters.clone())
    }

    pub(crate) fn keep(&self, clusters: &[Cluster]) {
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), clusters.to_vec()));
    }

    /// After a write that changes a count.
    pub(crate) fn forget(&self) {
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_until_forgotten() {
        let cache = ClusterCache::default();
        assert!(cache.fresh().is_none());
        cache.keep(&[]);
        assert_eq!(cache.fresh(), Some(vec![]));
        cache.forget();
        assert!(cache.fresh().is_none());
    }
}
