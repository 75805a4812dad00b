//! Forum scorecards: attending investors score each presenting company on
//! six criteria from 1 to 5, with weights the programme sets (they add up
//! to 100), and write strengths, points to improve and questions. After
//! the admin releases feedback, founders see the averages per criterion,
//! the number of scorecards and the comments, never who wrote them. The
//! rules and the arithmetic live here; the store keeps whole numbers.

use super::field::{validate_multiline_text, FieldError, FieldProblem};
use crate::stored_enum;
use serde::{Deserialize, Serialize};

pub const MIN_SCORE: i64 = 1;
pub const MAX_SCORE: i64 = 5;
pub const MAX_COMMENT_CHARS: usize = 1_000;

stored_enum!(
    /// The six criteria, in the order the form and the feedback show them.
    Criterion {
        Team => "team",
        Market => "market",
        Technology => "technology",
        Traction => "traction",
        Advantage => "advantage",
        Attractiveness => "attractiveness",
    }
);

impl Criterion {
    /// The programme's starting weights (팀 역량 25%, 시장성 20%, 기술성·제품
    /// 20%, 사업성·트랙션 15%, 경쟁우위 10%, 투자매력도 10%).
    pub fn default_weight(self) -> i64 {
        match self {
            Criterion::Team => 25,
            Criterion::Market | Criterion::Technology => 20,
            Criterion::Traction => 15,
            Criterion::Advantage | Criterion::Attractiveness => 10,
        }
    }
}

/// One weight per criterion, in [`Criterion::ALL`] order, adding up to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights(pub [i64; 6]);

impl Default for Weights {
    fn default() -> Self {
        let mut w = [0; 6];
        for (slot, c) in w.iter_mut().zip(Criterion::ALL) {
            *slot = c.default_weight();
        }
        Weights(w)
    }
}

impl Weights {
    /// Weights as posted (one field per criterion, whole percent): each 0
    /// to 100, together exactly 100.
    pub fn parse(raw: &[String; 6]) -> Result<Weights, FieldError> {
        let mut w = [0; 6];
        for ((slot, value), c) in w.iter_mut().zip(raw).zip(Criterion::ALL) {
            let field = weight_field(*c);
            let v: i64 = value
                .trim()
                .trim_end_matches('%')
                .parse()
                .map_err(|_| FieldError::new(field, FieldProblem::NotANumber))?;
            if !(0..=100).contains(&v) {
                return Err(FieldError::new(
                    field,
                    FieldProblem::OutOfRange { min: 0, max: 100 },
                ));
            }
            *slot = v;
        }
        if w.iter().sum::<i64>() != 100 {
            return Err(FieldError::new("weights", FieldProblem::WeightsNot100));
        }
        Ok(Weights(w))
    }

    pub fn of(&self, c: Criterion) -> i64 {
        Criterion::ALL
            .iter()
            .position(|x| *x == c)
            .map_or(0, |i| self.0[i])
    }
}

fn weight_field(c: Criterion) -> &'static str {
    match c {
        Criterion::Team => "weight_team",
        Criterion::Market => "weight_market",
        Criterion::Technology => "weight_technology",
        Criterion::Traction => "weight_traction",
        Criterion::Advantage => "weight_advantage",
        Criterion::Attractiveness => "weight_attractiveness",
    }
}

fn score_field(c: Criterion) -> &'static str {
    match c {
        Criterion::Team => "team",
        Criterion::Market => "market",
        Criterion::Technology => "technology",
        Criterion::Traction => "traction",
        Criterion::Advantage => "advantage",
        Criterion::Attractiveness => "attractiveness",
    }
}

/// A scorecard as posted: a score per criterion and three comments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardForm {
    pub team: String,
    pub market: String,
    pub technology: String,
    pub traction: String,
    pub advantage: String,
    pub attractiveness: String,
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    pub improvements: String,
    #[serde(default)]
    pub questions: String,
}

/// A checked scorecard: six scores from 1 to 5 and optional comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    pub scores: [i64; 6],
    pub strengths: String,
    pub improvements: String,
    pub questions: String,
}

impl ScorecardForm {
    pub fn validate(&self) -> Result<Scores, FieldError> {
        let raw = [
            &self.team,
            &self.market,
            &self.technology,
            &self.traction,
            &self.advantage,
            &self.attractiveness,
        ];
        let mut scores = [0; 6];
        for ((slot, value), c) in scores.iter_mut().zip(raw).zip(Criterion::ALL) {
            let field = score_field(*c);
            let value = value.trim();
            if value.is_empty() {
                return Err(FieldError::new(field, FieldProblem::Required));
            }
            let v: i64 = value
                .parse()
                .map_err(|_| FieldError::new(field, FieldProblem::NotANumber))?;
            if !(MIN_SCORE..=MAX_SCORE).contains(&v) {
                return Err(FieldError::new(
                    field,
                    FieldProblem::OutOfRange {
                        min: MIN_SCORE,
                        max: MAX_SCORE,
                    },
                ));
            }
            *slot = v;
        }
        let text = |field, raw: &str| validate_multiline_text(field, raw, MAX_COMMENT_CHARS, false);
        Ok(Scores {
            scores,
            strengths: text("strengths", &self.strengths)?,
            improvements: text("improvements", &self.improvements)?,
            questions: text("questions", &self.questions)?,
        })
    }
}

impl From<&Scores> for ScorecardForm {
    /// The form's values for a saved scorecard (to edit it).
    fn from(s: &Scores) -> Self {
        let [team, market, technology, traction, advantage, attractiveness] =
            s.scores.map(|v| v.to_string());
        ScorecardForm {
            team,
            market,
            technology,
            traction,
            advantage,
            attractiveness,
            strengths: s.strengths.clone(),
            improvements: s.improvements.clone(),
            questions: s.questions.clone(),
        }
    }
}

impl ScorecardForm {
    /// The posted value of one criterion (to check the right radio).
    pub fn value(&self, c: Criterion) -> &str {
        match c {
            Criterion::Team => &self.team,
            Criterion::Market => &self.market,
            Criterion::Technology => &self.technology,
            Criterion::Traction => &self.traction,
            Criterion::Advantage => &self.advantage,
            Criterion::Attractiveness => &self.attractiveness,
        }
    }
}

/// The form field of a criterion's score (`team`, `market`, ...).
pub fn criterion_field(c: Criterion) -> &'static str {
    score_field(c)
}

/// The admin's weights form field of a criterion (`weight_team`, ...).
pub fn criterion_weight_field(c: Criterion) -> &'static str {
    weight_field(c)
}

/// The weighted score of one scorecard in hundredths (100 = 1.00 to 500 =
/// 5.00), rounded half up: whole numbers, so the two databases and the
/// browser agree to the last digit.
pub fn weighted_hundredths(scores: &[i64; 6], weights: &Weights) -> i64 {
    // Σ score × weight is out of 500 when the weights add up to 100.
    scores.iter().zip(weights.0).map(|(s, w)| s * w).sum()
}

/// "3.85" from hundredths.
pub fn format_hundredths(h: i64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

/// What a founder sees once feedback is released: the averages per
/// criterion and weighted (hundredths), the count, and the comments
/// without names, each list sorted so their order says nothing about who
/// wrote what or when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub count: i64,
    pub averages: [i64; 6],
    pub weighted: i64,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
    pub questions: Vec<String>,
}

/// Averages in hundredths, rounded half up; `None` without scorecards.
pub fn feedback(cards: &[Scores], weights: &Weights) -> Option<Feedback> {
    if cards.is_empty() {
        return None;
    }
    let n = cards.len() as i64;
    let mut averages = [0; 6];
    for (i, avg) in averages.iter_mut().enumerate() {
        let total: i64 = cards.iter().map(|c| c.scores[i] * 100).sum();
        *avg = (total * 2 + n) / (2 * n);
    }
    let weighted_total: i64 = cards
        .iter()
        .map(|c| weighted_hundredths(&c.scores, weights))
        .sum();
    let collect = |pick: fn(&Scores) -> &String| {
        let mut v: Vec<String> = cards
            .iter()
            .map(pick)
            .filter(|t| !t.is_empty())
            .cloned()
            .collect();
        v.sort();
        v
    };
    Some(Feedback {
        count: n,
        averages,
        weighted: (weighted_total * 2 + n) / (2 * n),
        strengths: collect(|c| &c.strengths),
        improvements: collect(|c| &c.improvements),
        questions: collect(|c| &c.questions),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(scores: [&str; 6]) -> ScorecardForm {
        ScorecardForm {
            team: scores[0].into(),
            market: scores[1].into(),
            technology: scores[2].into(),
            traction: scores[3].into(),
            advantage: scores[4].into(),
            attractiveness: scores[5].into(),
            strengths: "양산 경험이 있는 팀".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_default_weights_are_the_programmes_and_add_up_to_100() {
        let w = Weights::default();
        assert_eq!(w.0, [25, 20, 20, 15, 10, 10]);
        assert_eq!(w.0.iter().sum::<i64>(), 100);
        assert_eq!(w.of(Criterion::Traction), 15);
    }

    #[test]
    fn weights_must_add_up_to_100() {
        let raw = |v: [&str; 6]| v.map(String::from);
        assert_eq!(
            Weights::parse(&raw(["30", "20", "20", "10", "10", "10%"]))
                .unwrap()
                .0,
            [30, 20, 20, 10, 10, 10]
        );
        let err = Weights::parse(&raw(["30", "20", "20", "15", "10", "10"])).unwrap_err();
        assert_eq!(
            (err.field, err.problem),
            ("weights", FieldProblem::WeightsNot100)
        );
        let err = Weights::parse(&raw(["-5", "20", "20", "15", "25", "25"])).unwrap_err();
        assert_eq!(err.field, "weight_team");
        let err = Weights::parse(&raw(["a", "20", "20", "15", "25", "20"])).unwrap_err();
        assert_eq!(err.problem, FieldProblem::NotANumber);
    }

    #[test]
    fn scores_are_whole_numbers_from_1_to_5() {
        let ok = form(["5", "4", "4", "3", "2", "1"]).validate().unwrap();
        assert_eq!(ok.scores, [5, 4, 4, 3, 2, 1]);
        assert_eq!(ok.strengths, "양산 경험이 있는 팀");
        for (bad, problem) in [
            ("6", FieldProblem::OutOfRange { min: 1, max: 5 }),
            ("0", FieldProblem::OutOfRange { min: 1, max: 5 }),
            ("3.5", FieldProblem::NotANumber),
            ("", FieldProblem::Required),
        ] {
            let err = form(["5", "4", bad, "3", "2", "1"]).validate().unwrap_err();
            assert_eq!((err.field, err.problem), ("technology", problem), "{bad:?}");
        }
        let mut long = form(["5", "4", "4", "3", "2", "1"]);
        long.questions = "가".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(long.validate().unwrap_err().field, "questions");
        // A saved scorecard fills the form it came from.
        assert_eq!(ScorecardForm::from(&ok).validate().unwrap(), ok);
    }

    #[test]
    fn the_weighted_score_and_the_averages() {
        let w = Weights::default();
        // 5×25 + 4×20 + 4×20 + 3×15 + 2×10 + 1×10 = 360 → 3.60
        assert_eq!(weighted_hundredths(&[5, 4, 4, 3, 2, 1], &w), 360);
        assert_eq!(weighted_hundredths(&[5; 6], &w), 500);
        assert_eq!(format_hundredths(360), "3.60");
        assert_eq!(format_hundredths(405), "4.05");

        let a = form(["5", "4", "4", "3", "2", "1"]).validate().unwrap();
        let mut b = form(["4", "4", "3", "3", "2", "2"]).validate().unwrap();
        b.strengths = "시장 검증".into();
        b.questions = "양산 단가는?".into();
        let c = form(["4", "5", "4", "4", "3", "2"]).validate().unwrap();
        let f = feedback(&[a, b, c], &w).unwrap();
        assert_eq!(f.count, 3);
        // Team (5 + 4 + 4) / 3 = 4.333… → 433; Technology 11/3 → 367.
        assert_eq!(f.averages, [433, 433, 367, 333, 233, 167]);
        // (360 + 325 + 390) / 3 = 358.33…
        assert_eq!(f.weighted, 358);
        assert_eq!(
            f.strengths,
            ["시장 검증", "양산 경험이 있는 팀", "양산 경험이 있는 팀"]
        );
        assert_eq!(f.questions, ["양산 단가는?"]);
        assert!(f.improvements.is_empty());
        assert_eq!(feedback(&[], &w), None);
    }
}
