//! The founders' side of deal flow (`/companies/{slug}/interest`):
//! followers over time, how many investors stand at each stage — names only
//! from a meeting request up — and the meeting requests with their answers.

use super::ApiError;
use crate::domain::deal::{InterestStage, MeetingAnswerForm, MeetingStatus};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: i64,
    pub investor_name: String,
    pub club_name: Option<String>,
    pub message: String,
    pub status: MeetingStatus,
    pub proposed_at: Option<DateTime<Utc>>,
    pub answer_note: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestPageData {
    pub slug: String,
    pub company_name: String,
    /// Followers at the end of each of the last weeks, oldest first: the
    /// Monday (Seoul) that starts the week and the count.
    pub followers_by_week: Vec<(NaiveDate, i64)>,
    pub followers: i64,
    pub per_stage: Vec<(InterestStage, i64)>,
    pub meetings: Vec<MeetingView>,
    /// The caller may answer meeting requests (a member, not an admin).
    pub can_answer: bool,
}

/// How many weeks the followers chart covers.
pub const FOLLOWER_WEEKS: usize = 12;

/// Cumulative followers at the end of each of the `weeks` weeks up to the
/// one holding `today`, from the follow times (sorted or not).
pub fn followers_by_week(
    followed_at: &[DateTime<Utc>],
    today: NaiveDate,
    weeks: usize,
) -> Vec<(NaiveDate, i64)> {
    use crate::domain::seoul_time::seoul_date;
    use chrono::Datelike;
    let this_monday = today - chrono::Duration::days(today.weekday().num_days_from_monday() as i64);
    (0..weeks)
        .rev()
        .map(|back| {
            let monday = this_monday - chrono::Duration::weeks(back as i64);
            let week_end = monday + chrono::Duration::days(7);
            let count = followed_at
                .iter()
                .filter(|t| seoul_date(**t) < week_end)
                .count() as i64;
            (monday, count)
        })
        .collect()
}

#[server(endpoint = "interest/page")]
pub async fn company_interest_page(slug: String) -> Result<InterestPageData, ApiError> {
    use crate::domain::access::{authorize, Action};
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store};
    let (actor, company) = require_on_company(&slug, |company_id| Action::SeeCompanyInterest {
        company_id,
    })
    .await?;
    let interest = store()?
        .company_interest(company.id)
        .await
        .map_err(|err| reject(err.into()))?;
    let can_answer = authorize(
        Some(&actor.principal()),
        Action::AnswerMeeting {
            company_id: company.id,
        },
    )
    .is_ok();
    Ok(InterestPageData {
        followers: interest.followed_at.len() as i64,
        followers_by_week: followers_by_week(
            &interest.followed_at,
            seoul_date(Utc::now()),
            FOLLOWER_WEEKS,
        ),
        per_stage: interest.per_stage,
        meetings: interest
            .meetings
            .into_iter()
            .map(|m| MeetingView {
                id: m.id,
                investor_name: m.investor_name,
                club_name: m.club_name,
                message: m.message,
                status: m.status,
                proposed_at: m.proposed_at,
                answer_note: m.answer_note,
                created_at: m.created_at,
            })
            .collect(),
        slug: company.slug,
        company_name: company.name_ko,
        can_answer,
    })
}

#[server(endpoint = "interest/answer")]
pub async fn answer_meeting_request(
    slug: String,
    meeting_id: i64,
    form: MeetingAnswerForm,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require_on_company};
    use crate::ssr::{reject, store, DbError};
    let (actor, company) =
        require_on_company(&slug, |company_id| Action::AnswerMeeting { company_id }).await?;
    let now = Utc::now();
    let answer = form.validate(now).map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "deal.meeting_answer",
        "meeting_request",
        Some(meeting_id.to_string()),
        format!("company={} status={}", company.id, answer.status.as_str()),
    );
    match store()?
        .answer_meeting(company.id, meeting_id, &answer, actor.user_id, now, &event)
        .await
    {
        Ok(()) => Ok(()),
        Err(DbError::Conflict(_)) => Err(reject(
            FieldError::new("decision", FieldProblem::AlreadyAnswered).into(),
        )),
        Err(err) => Err(reject(err.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn followers_accumulate_per_seoul_week() {
        // Tuesday 2026-12-01; weeks start on Mondays.
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();
        // Sunday 29 Nov 16:00 UTC is Monday 30 Nov 01:00 in Seoul: it
        // belongs to the week of the 30th, not the one before.
        let follows = [at(20, 0), at(23, 16), at(29, 16)];
        let weeks = followers_by_week(&follows, today, 3);
        let monday = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(
            weeks,
            vec![(monday(16), 1), (monday(23), 2), (monday(30), 3)]
        );
    }
}
