//! The store's outcome part: what came of the forums, and the facts the
//! impact dashboard counts. A supertrait of [`Store`](super::Store) like the
//! other parts; both backends implement it and run the same tests.

use super::store::{DbResult, NewAuditEvent};
use crate::domain::impact::ImpactFacts;
use crate::domain::outcome::{OutcomeFields, OutcomeRecord, OutcomeStatus};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Which outcomes to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutcomeFilter {
    pub company_id: Option<i64>,
    pub status: Option<OutcomeStatus>,
}

#[async_trait]
pub trait OutcomeStore: Send + Sync {
    /// Records an outcome with its forums in one transaction. `NotFound`
    /// when the company did not present at every named forum (or one has
    /// not taken place): nothing is written then.
    async fn record_outcome(
        &self,
        company_id: i64,
        fields: &OutcomeFields,
        status: OutcomeStatus,
        by: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<i64>;

    /// The forums a company presented at that have taken place: (id,
    /// title, start), oldest first. Outcomes may be attributed to these.
    async fn presented_forums(
        &self,
        company_id: i64,
    ) -> DbResult<Vec<(i64, String, DateTime<Utc>)>>;

    /// Outcomes, newest first (by date, then by when they were recorded).
    async fn outcomes(&self, filter: OutcomeFilter) -> DbResult<Vec<OutcomeRecord>>;

    /// Confirms or rejects a pending outcome; `NotFound` when it is not
    /// pending any more (another admin decided meanwhile).
    async fn decide_outcome(
        &self,
        outcome_id: i64,
        status: OutcomeStatus,
        by: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// What the impact dashboard counts: forums that took place, their
    /// slots, interests in the presenting companies from each forum on,
    /// and confirmed outcomes. A public page reads them on every visit, so
    /// a store may keep them for a short while (the outcome and forum
    /// writes of this store drop what it keeps; interests and other
    /// processes' writes show within a minute).
    async fn impact_facts(&self) -> DbResult<std::sync::Arc<ImpactFacts>>;
}
