//! The one place that answers "may this user do this?". Every server
//! function asks here before it reads or writes; pages only mirror the
//! answer to decide what to show. Decisions use what the server loaded for
//! the request (role, verification, club), never what the browser sent.

use super::account::Verification;
use super::company::{Audience, MemberRole, Membership};
use super::role::Role;

/// The signed-in user, as far as access decisions need to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i64,
    pub role: Role,
    pub verification: Verification,
    pub club_id: Option<i64>,
    /// The company the user belongs to (startup accounts).
    pub company: Option<Membership>,
    /// Companies a consultant is assigned to today (empty for everyone
    /// else), loaded with the session.
    pub assigned_companies: Vec<i64>,
}

impl Principal {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    pub fn is_verified_investor(&self) -> bool {
        self.role == Role::Investor && self.verification == Verification::Verified
    }

    /// A consultant currently assigned to the company.
    pub fn is_assigned_to(&self, company_id: i64) -> bool {
        self.role == Role::Consultant && self.assigned_companies.contains(&company_id)
    }

    fn member_of(&self, company_id: i64) -> Option<MemberRole> {
        self.company
            .as_ref()
            .filter(|m| m.company_id == company_id && self.role == Role::Startup)
            .map(|m| m.role)
    }
}

/// How much of `company_id`'s pitch the reader may see: the company's own
/// members and admins everything including the draft, its assigned
/// consultants everything published even before the first publication,
/// verified investors
/// the published investor-only sections and funding terms, everyone else
/// the published public sections.
pub fn audience_for(who: Option<&Principal>, company_id: i64) -> Audience {
    match who {
        Some(p) if p.is_admin() || p.member_of(company_id).is_some() => Audience::Editor,
        Some(p) if p.is_assigned_to(company_id) => Audience::Reviewer,
        Some(p) if p.is_verified_investor() => Audience::Investor,
        _ => Audience::Public,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read or change one's own account (name, language, password).
    ManageOwnAccount,
    /// Content for verified investors (investor-only sections, the club).
    SeeInvestorContent,
    /// See the members of a club.
    SeeClub {
        club_id: i64,
    },
    /// List users and read their details.
    ListUsers,
    /// Verify or reject an investor, disable or re-enable, change role.
    /// Admins may not do these to themselves: a slip must not lock the
    /// programme out of its own portal.
    AdministerUser {
        target_user_id: i64,
    },
    CreateStaffAccount,
    ReviewClubs,
    ReadAuditLog,
    /// Edit a company's profile and pitch, publish, post updates.
    EditCompany {
        company_id: i64,
    },
    /// Invite and remove a company's members: its owners (and admins).
    ManageCompanyTeam {
        company_id: i64,
    },
    /// Follow companies and record interest on one's own ladder and
    /// pipeline: verified investors only.
    TrackDeals,
    /// Record one's own investor type for the crowdfunding caps (일반,
    /// 적격, 전문) and read it back: investor accounts, verified or not
    /// (a pending investor may get it right before the first deal). Not
    /// admins: the type is the investor's own statement.
    SetInvestorType,
    /// Read a club's notes and pipeline, and change its pipeline settings:
    /// the club's verified members only. Not admins: a club's candid notes
    /// and its members' amounts are the club's own deliberation, and the
    /// operator who runs the programme also works with the companies being
    /// discussed. Operators see the programme's aggregates instead.
    SeeClubDeals {
        club_id: i64,
    },
    /// Change or delete a club note: its author, while still a verified
    /// member of the note's club.
    EditClubNote {
        club_id: i64,
        author_id: Option<i64>,
    },
    /// See who follows a company and how far, and the meeting requests it
    /// received: the company's members and admins.
    SeeCompanyInterest {
        company_id: i64,
    },
    /// Accept or decline a meeting request: the company's members only
    /// (an operator does not answer for a founder).
    AnswerMeeting {
        company_id: i64,
    },
    /// Assign consultants to companies and end assignments: admins.
    AssignConsultants,
    /// Read and edit the readiness checklist templates (each save is a new
    /// version): admins.
    EditTemplates,
    /// The readiness portfolio (`/consulting`): consultants (their own
    /// companies) and admins (every company).
    SeePortfolio,
    /// See a company's readiness checklists, evidence and comments: its
    /// members, its assigned consultants and admins.
    SeeReadiness {
        company_id: i64,
    },
    /// Read the company's unpublished pitch draft (read-only): its members,
    /// its assigned consultants (who coach the pitch before it goes out)
    /// and admins.
    ReadDraft {
        company_id: i64,
    },
    /// Start a checklist, set due dates and notes, comment: the company's
    /// members and its assigned consultants.
    WorkOnReadiness {
        company_id: i64,
    },
    /// Add evidence and mark items submitted: the company's members.
    SubmitEvidence {
        company_id: i64,
    },
    /// Sign an item off, reopen it or mark it not applicable: the
    /// company's assigned consultants only (an admin's word is not a
    /// consultant's sign-off).
    SignOffReadiness {
        company_id: i64,
    },
    /// Create and edit forums, move them through their states, decide
    /// applications and arrange the agenda: admins.
    ManageForums,
    /// See a forum that is still being planned (not yet announced): admins.
    SeeUnannouncedForum,
    /// Apply to present at a forum for a company, or withdraw: the
    /// company's members (an operator does not apply for a founder).
    ApplyToForum {
        company_id: i64,
    },
    /// Answer whether one comes to a forum (참석 / 미정 / 불참): verified
    /// investors, for themselves.
    RsvpForum,
    /// Score the companies presenting at a forum: verified investors (the
    /// store also requires a seat or marked attendance at that forum).
    ScoreForum,
    /// Read the anonymous scorecard feedback a company received, once
    /// released: the company's members and admins.
    ReadForumFeedback {
        company_id: i64,
    },
    /// Record what came of the forums for a company: its members (their
    /// outcomes wait for confirmation) and admins.
    RecordOutcome {
        company_id: i64,
    },
    /// Confirm or reject founders' outcomes: admins.
    ConfirmOutcomes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denial {
    /// Nobody is signed in: the answer is "sign in", not "no".
    SignInRequired,
    Forbidden,
    /// Allowed in general but not on oneself.
    NotOnYourself,
}

pub fn authorize(who: Option<&Principal>, action: Action) -> Result<(), Denial> {
    let Some(p) = who else {
        return Err(Denial::SignInRequired);
    };
    let allowed = match action {
        Action::ManageOwnAccount => true,
        Action::SeeInvestorContent => p.is_admin() || p.is_verified_investor(),
        Action::SeeClub { club_id } => {
            p.is_admin() || (p.is_verified_investor() && p.club_id == Some(club_id))
        }
        Action::ListUsers
        | Action::CreateStaffAccount
        | Action::ReviewClubs
        | Action::ReadAuditLog => p.is_admin(),
        Action::EditCompany { company_id } => p.is_admin() || p.member_of(company_id).is_some(),
        Action::ManageCompanyTeam { company_id } => {
            p.is_admin() || p.member_of(company_id) == Some(MemberRole::Owner)
        }
        Action::TrackDeals => p.is_verified_investor(),
        Action::SetInvestorType => p.role == Role::Investor,
        Action::SeeClubDeals { club_id } => p.is_verified_investor() && p.club_id == Some(club_id),
        Action::EditClubNote { club_id, author_id } => {
            p.is_verified_investor() && p.club_id == Some(club_id) && author_id == Some(p.user_id)
        }
        Action::SeeCompanyInterest { company_id } => {
            p.is_admin() || p.member_of(company_id).is_some()
        }
        Action::AnswerMeeting { company_id } => p.member_of(company_id).is_some(),
        Action::AssignConsultants | Action::EditTemplates => p.is_admin(),
        Action::SeePortfolio => p.is_admin() || p.role == Role::Consultant,
        Action::SeeReadiness { company_id } | Action::ReadDraft { company_id } => {
            p.is_admin() || p.member_of(company_id).is_some() || p.is_assigned_to(company_id)
        }
        Action::WorkOnReadiness { company_id } => {
            p.member_of(company_id).is_some() || p.is_assigned_to(company_id)
        }
        Action::SubmitEvidence { company_id } => p.member_of(company_id).is_some(),
        Action::SignOffReadiness { company_id } => p.is_assigned_to(company_id),
        Action::ManageForums | Action::SeeUnannouncedForum => p.is_admin(),
        Action::ApplyToForum { company_id } => p.member_of(company_id).is_some(),
        Action::RsvpForum | Action::ScoreForum => p.is_verified_investor(),
        Action::ReadForumFeedback { company_id } | Action::RecordOutcome { company_id } => {
            p.is_admin() || p.member_of(company_id).is_some()
        }
        Action::ConfirmOutcomes => p.is_admin(),
        Action::AdministerUser { target_user_id } => {
            if p.is_admin() && target_user_id == p.user_id {
                return Err(Denial::NotOnYourself);
            }
            p.is_admin()
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(Denial::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(id: i64, role: Role, verification: Verification, club: Option<i64>) -> Principal {
        Principal {
            assigned_companies: Vec::new(),
            user_id: id,
            role,
            verification,
            club_id: club,
            company: None,
        }
    }

    #[test]
    fn the_matrix() {
        let admin = principal(1, Role::Admin, Verification::None, None);
        let consultant = principal(2, Role::Consultant, Verification::None, None);
        let startup = principal(3, Role::Startup, Verification::None, None);
        let pending = principal(4, Role::Investor, Verification::Pending, Some(9));
        let rejected = principal(5, Role::Investor, Verification::Rejected, Some(9));
        let verified = principal(6, Role::Investor, Verification::Verified, Some(9));
        let admin_only = [
            Action::ListUsers,
            Action::CreateStaffAccount,
            Action::ReviewClubs,
            Action::ReadAuditLog,
            Action::AdministerUser { target_user_id: 3 },
            Action::EditTemplates,
            Action::ManageForums,
            Action::SeeUnannouncedForum,
        ];
        for action in admin_only {
            assert_eq!(authorize(None, action), Err(Denial::SignInRequired));
            assert_eq!(authorize(Some(&admin), action), Ok(()));
            for p in [&consultant, &startup, &pending, &rejected, &verified] {
                assert_eq!(
                    authorize(Some(p), action),
                    Err(Denial::Forbidden),
                    "{p:?} {action:?}"
                );
            }
        }
        for p in [
            &admin,
            &consultant,
            &startup,
            &pending,
            &rejected,
            &verified,
        ] {
            assert_eq!(authorize(Some(p), Action::ManageOwnAccount), Ok(()));
        }
        assert_eq!(
            authorize(None, Action::ManageOwnAccount),
            Err(Denial::SignInRequired)
        );

        let investor_content = Action::SeeInvestorContent;
        assert_eq!(authorize(Some(&verified), investor_content), Ok(()));
        assert_eq!(authorize(Some(&admin), investor_content), Ok(()));
        for p in [&consultant, &startup, &pending, &rejected] {
            assert_eq!(authorize(Some(p), investor_content), Err(Denial::Forbidden));
        }
    }

    #[test]
    fn clubs_are_seen_by_their_verified_members_and_admins() {
        let verified = principal(6, Role::Investor, Verification::Verified, Some(9));
        let pending = principal(4, Role::Investor, Verification::Pending, Some(9));
        let admin = principal(1, Role::Admin, Verification::None, None);
        assert_eq!(
            authorize(Some(&verified), Action::SeeClub { club_id: 9 }),
            Ok(())
        );
        assert_eq!(
            authorize(Some(&verified), Action::SeeClub { club_id: 10 }),
            Err(Denial::Forbidden)
        );
        assert_eq!(
            authorize(Some(&pending), Action::SeeClub { club_id: 9 }),
            Err(Denial::Forbidden)
        );
        assert_eq!(
            authorize(Some(&admin), Action::SeeClub { club_id: 10 }),
            Ok(())
        );
    }

    #[test]
    fn deal_flow_matrix() {
        let mut founder = principal(10, Role::Startup, Verification::None, None);
        founder.company = Some(Membership {
            company_id: 7,
            company_slug: "c7".into(),
            role: MemberRole::Member,
        });
        let me = principal(6, Role::Investor, Verification::Verified, Some(9));
        let club_mate = principal(7, Role::Investor, Verification::Verified, Some(9));
        let other_club = principal(8, Role::Investor, Verification::Verified, Some(10));
        let pending = principal(4, Role::Investor, Verification::Pending, Some(9));
        let no_club = principal(5, Role::Investor, Verification::Verified, None);
        let consultant = principal(2, Role::Consultant, Verification::None, None);
        let admin = principal(1, Role::Admin, Verification::None, None);

        // Own ladder and pipeline: verified investors, club or not.
        for p in [&me, &club_mate, &other_club, &no_club] {
            assert_eq!(authorize(Some(p), Action::TrackDeals), Ok(()), "{p:?}");
        }
        for p in [&pending, &founder, &consultant, &admin] {
            assert_eq!(
                authorize(Some(p), Action::TrackDeals),
                Err(Denial::Forbidden)
            );
        }
        assert_eq!(
            authorize(None, Action::TrackDeals),
            Err(Denial::SignInRequired)
        );

        // A club's notes and pipeline: its verified members, nobody else.
        let club = Action::SeeClubDeals { club_id: 9 };
        for p in [&me, &club_mate] {
            assert_eq!(authorize(Some(p), club), Ok(()));
        }
        for p in [
            &other_club,
            &pending,
            &no_club,
            &founder,
            &consultant,
            &admin,
        ] {
            assert_eq!(authorize(Some(p), club), Err(Denial::Forbidden), "{p:?}");
        }
        assert_eq!(authorize(None, club), Err(Denial::SignInRequired));

        // A note is changed by its author only, within the club.
        let mine = Action::EditClubNote {
            club_id: 9,
            author_id: Some(6),
        };
        assert_eq!(authorize(Some(&me), mine), Ok(()));
        for p in [&club_mate, &other_club, &admin, &founder] {
            assert_eq!(authorize(Some(p), mine), Err(Denial::Forbidden));
        }
        // The author left for another club: the old club's notes are no
        // longer theirs to change.
        let moved = principal(6, Role::Investor, Verification::Verified, Some(10));
        assert_eq!(authorize(Some(&moved), mine), Err(Denial::Forbidden));
        // A note whose author's account is gone belongs to nobody.
        let orphan = Action::EditClubNote {
            club_id: 9,
            author_id: None,
        };
        assert_eq!(authorize(Some(&me), orphan), Err(Denial::Forbidden));

        // The founders' side.
        let interest = Action::SeeCompanyInterest { company_id: 7 };
        assert_eq!(authorize(Some(&founder), interest), Ok(()));
        assert_eq!(authorize(Some(&admin), interest), Ok(()));
        for p in [&me, &consultant, &pending] {
            assert_eq!(authorize(Some(p), interest), Err(Denial::Forbidden));
        }
        assert_eq!(
            authorize(Some(&founder), Action::SeeCompanyInterest { company_id: 8 }),
            Err(Denial::Forbidden)
        );
        let answer = Action::AnswerMeeting { company_id: 7 };
        assert_eq!(authorize(Some(&founder), answer), Ok(()));
        for p in [&admin, &me, &consultant] {
            assert_eq!(authorize(Some(p), answer), Err(Denial::Forbidden));
        }
    }

    #[test]
    fn investor_type_is_the_investors_own() {
        let rows = [
            (principal(1, Role::Admin, Verification::None, None), false),
            (
                principal(2, Role::Consultant, Verification::None, None),
                false,
            ),
            (principal(3, Role::Startup, Verification::None, None), false),
            (
                principal(4, Role::Investor, Verification::Pending, Some(9)),
                true,
            ),
            (
                principal(5, Role::Investor, Verification::Rejected, None),
                true,
            ),
            (
                principal(6, Role::Investor, Verification::Verified, Some(9)),
                true,
            ),
        ];
        for (p, allowed) in rows {
            let want = if allowed {
                Ok(())
            } else {
                Err(Denial::Forbidden)
            };
            assert_eq!(authorize(Some(&p), Action::SetInvestorType), want, "{p:?}");
        }
        assert_eq!(
            authorize(None, Action::SetInvestorType),
            Err(Denial::SignInRequired)
        );
    }

    #[test]
    fn admins_cannot_demote_or_disable_themselves() {
        let admin = principal(1, Role::Admin, Verification::None, None);
        assert_eq!(
            authorize(Some(&admin), Action::AdministerUser { target_user_id: 1 }),
            Err(Denial::NotOnYourself)
        );
        let startup = principal(3, Role::Startup, Verification::None, None);
        assert_eq!(
            authorize(Some(&startup), Action::AdministerUser { target_user_id: 3 }),
            Err(Denial::Forbidden)
        );
    }

    #[test]
    fn companies_are_edited_by_their_own_members_only() {
        let mut owner = principal(10, Role::Startup, Verification::None, None);
        owner.company = Some(Membership {
            company_id: 7,
            company_slug: "c7".into(),
            role: MemberRole::Owner,
        });
        let mut member = principal(11, Role::Startup, Verification::None, None);
        member.company = Some(Membership {
            company_id: 7,
            company_slug: "c7".into(),
            role: MemberRole::Member,
        });
        let mut other = principal(12, Role::Startup, Verification::None, None);
        other.company = Some(Membership {
            company_id: 8,
            company_slug: "c8".into(),
            role: MemberRole::Owner,
        });
        // A membership row left behind after a role change grants nothing.
        let mut demoted = principal(13, Role::Investor, Verification::Verified, Some(1));
        demoted.company = Some(Membership {
            company_id: 7,
            company_slug: "c7".into(),
            role: MemberRole::Owner,
        });
        let admin = principal(1, Role::Admin, Verification::None, None);
        let verified = principal(6, Role::Investor, Verification::Verified, Some(9));
        let pending = principal(4, Role::Investor, Verification::Pending, Some(9));
        let consultant = principal(2, Role::Consultant, Verification::None, None);

        let edit = Action::EditCompany { company_id: 7 };
        let team = Action::ManageCompanyTeam { company_id: 7 };
        for p in [&owner, &member, &admin] {
            assert_eq!(authorize(Some(p), edit), Ok(()), "{p:?}");
        }
        for p in [&other, &demoted, &verified, &pending, &consultant] {
            assert_eq!(authorize(Some(p), edit), Err(Denial::Forbidden), "{p:?}");
        }
        assert_eq!(authorize(None, edit), Err(Denial::SignInRequired));
        assert_eq!(authorize(Some(&owner), team), Ok(()));
        assert_eq!(authorize(Some(&admin), team), Ok(()));
        assert_eq!(authorize(Some(&member), team), Err(Denial::Forbidden));
        assert_eq!(authorize(Some(&other), team), Err(Denial::Forbidden));

        assert_eq!(audience_for(None, 7), Audience::Public);
        assert_eq!(audience_for(Some(&pending), 7), Audience::Public);
        assert_eq!(audience_for(Some(&consultant), 7), Audience::Public);
        assert_eq!(audience_for(Some(&other), 7), Audience::Public);
        assert_eq!(audience_for(Some(&demoted), 7), Audience::Investor);
        assert_eq!(audience_for(Some(&verified), 7), Audience::Investor);
        assert_eq!(audience_for(Some(&member), 7), Audience::Editor);
        assert_eq!(audience_for(Some(&admin), 7), Audience::Editor);
    }

    #[test]
    fn readiness_matrix() {
        let founder = Principal {
            company: Some(Membership {
                company_id: 7,
                company_slug: "tansoon".into(),
                role: MemberRole::Member,
            }),
            ..principal(10, Role::Startup, Verification::None, None)
        };
        let other_founder = Principal {
            company: Some(Membership {
                company_id: 8,
                company_slug: "other".into(),
                role: MemberRole::Owner,
            }),
            ..principal(11, Role::Startup, Verification::None, None)
        };
        let assigned = Principal {
            assigned_companies: vec![7],
            ..principal(12, Role::Consultant, Verification::None, None)
        };
        let unassigned = Principal {
            assigned_companies: vec![8],
            ..principal(13, Role::Consultant, Verification::None, None)
        };
        let investor = principal(14, Role::Investor, Verification::Verified, Some(1));
        let admin = principal(15, Role::Admin, Verification::None, None);
        // An assignment list on an account that is no longer a consultant
        // grants nothing.
        let former = Principal {
            assigned_companies: vec![7],
            ..principal(16, Role::Investor, Verification::Verified, None)
        };
        let company_id = 7;
        let rows: [(Action, [bool; 7]); 15] = [
            // founder, other founder, assigned, unassigned, investor, admin, former
            (
                Action::SeeReadiness { company_id },
                [true, false, true, false, false, true, false],
            ),
            (
                Action::ReadDraft { company_id },
                [true, false, true, false, false, true, false],
            ),
            (
                Action::WorkOnReadiness { company_id },
                [true, false, true, false, false, false, false],
            ),
            (
                Action::SubmitEvidence { company_id },
                [true, false, false, false, false, false, false],
            ),
            (
                Action::SignOffReadiness { company_id },
                [false, false, true, false, false, false, false],
            ),
            (
                Action::AssignConsultants,
                [false, false, false, false, false, true, false],
            ),
            // Templates are the programme's: not even an assigned
            // consultant edits them.
            (
                Action::EditTemplates,
                [false, false, false, false, false, true, false],
            ),
            // Any consultant has a portfolio (of their own companies).
            (
                Action::SeePortfolio,
                [false, false, true, true, false, true, false],
            ),
            // A founder applies for their own company; the operator who
            // decides applications does not make them.
            (
                Action::ApplyToForum { company_id },
                [true, false, false, false, false, false, false],
            ),
            (
                Action::ManageForums,
                [false, false, false, false, false, true, false],
            ),
            // Only verified investors answer; `former` is one too.
            (
                Action::RsvpForum,
                [false, false, false, false, true, false, true],
            ),
            // Scoring is for investors; an operator reads the scorecards
            // but does not fill them in.
            (
                Action::ScoreForum,
                [false, false, false, false, true, false, true],
            ),
            // Feedback goes to the company (and its operator), never to
            // another founder or a consultant.
            (
                Action::ReadForumFeedback { company_id },
                [true, false, false, false, false, true, false],
            ),
            // A founder reports their own company's outcomes (confirmed
            // later); an assigned consultant does not.
            (
                Action::RecordOutcome { company_id },
                [true, false, false, false, false, true, false],
            ),
            (
                Action::ConfirmOutcomes,
                [false, false, false, false, false, true, false],
            ),
        ];
        let people = [
            &founder,
            &other_founder,
            &assigned,
            &unassigned,
            &investor,
            &admin,
            &former,
        ];
        for (action, expected) in rows {
            for (p, allowed) in people.iter().zip(expected) {
                let want = if allowed {
                    Ok(())
                } else {
                    Err(Denial::Forbidden)
                };
                assert_eq!(authorize(Some(p), action), want, "{action:?} for {p:?}");
            }
            assert_eq!(authorize(None, action), Err(Denial::SignInRequired));
        }
        assert_eq!(audience_for(Some(&assigned), 7), Audience::Reviewer);
        assert_eq!(audience_for(Some(&unassigned), 7), Audience::Public);
        assert_eq!(audience_for(Some(&former), 7), Audience::Investor);
        assert!(Audience::Reviewer.may_read(crate::domain::company::Visibility::Investors));
    }
}
