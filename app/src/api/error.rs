use crate::i18n::Strings;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// What a server function can fail with, as the browser sees it. Variants
/// carry no internals (SQL, paths, stack traces): those are logged on the
/// server and the user gets a translated sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// Unknown e-mail or wrong password: one answer for both, so the form
    /// does not reveal which addresses have accounts.
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("account disabled")]
    AccountDisabled,
    #[error("rate limited; retry after {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    /// Bad input. `message` is already translated into the language of the
    /// request that caused it; `field` names the form field for `aria`.
    #[error("invalid {field}: {message}")]
    Invalid { field: String, message: String },
    /// A form field broke a rule; translated where it is shown, so the
    /// message follows a language switch.
    #[error("field {field}: {problem:?}")]
    Field {
        field: String,
        problem: crate::domain::account::FieldProblem,
    },
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// The request never reached our code or its answer could not be read
    /// (network down, malformed arguments). Kept for logs; shown generically.
    #[error("request failed: {0}")]
    Request(String),
}

impl ApiError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The form field this error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Invalid { field, .. } | ApiError::Field { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound => 404,
            ApiError::Unauthorized | ApiError::BadCredentials => 401,
            ApiError::AccountDisabled => 403,
            ApiError::Forbidden => 403,
            ApiError::RateLimited { .. } => 429,
            ApiError::Invalid { .. } | ApiError::Field { .. } | ApiError::Request(_) => 400,
            ApiError::Unavailable => 503,
            ApiError::Internal => 500,
        }
    }

    /// A sentence for the user, in the language of `t`.
    pub fn message(&self, t: &Strings) -> String {
        match self {
            ApiError::NotFound => t.err_not_found.into(),
            ApiError::Unauthorized => t.err_unauthorized.into(),
            ApiError::Forbidden => t.err_forbidden.into(),
            ApiError::BadCredentials => t.err_bad_credentials.into(),
            ApiError::AccountDisabled => t.err_account_disabled.into(),
            ApiError::RateLimited { .. } => t.err_rate_limited.into(),
            ApiError::Invalid { message, .. } => message.clone(),
            ApiError::Field { problem, .. } => problem.message(t),
            ApiError::Request(_) => t.err_invalid_input.into(),
            ApiError::Unavailable => t.err_unavailable.into(),
            ApiError::Internal => t.err_internal.into(),
        }
    }
}

impl From<crate::domain::account::FieldError> for ApiError {
    fn from(err: crate::domain::account::FieldError) -> Self {
        ApiError::Field {
            field: err.field.to_string(),
            problem: err.problem,
        }
    }
}

impl From<crate::domain::access::Denial> for ApiError {
    fn from(denial: crate::domain::access::Denial) -> Self {
        use crate::domain::access::Denial;
        match denial {
            Denial::SignInRequired => ApiError::Unauthorized,
            Denial::Forbidden => ApiError::Forbidden,
            Denial::NotOnYourself => ApiError::Field {
                field: "user".into(),
                problem: crate::domain::account::FieldProblem::NotOnYourself,
            },
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Request(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn statuses_match_meaning() {
        assert_eq!(ApiError::NotFound.status(), 404);
        assert_eq!(ApiError::Unauthorized.status(), 401);
        assert_eq!(ApiError::Forbidden.status(), 403);
        assert_eq!(
            ApiError::RateLimited {
                retry_after_secs: 3
            }
            .status(),
            429
        );
        assert_eq!(ApiError::invalid("email", "x").status(), 400);
        assert_eq!(ApiError::Internal.status(), 500);
    }

    #[test]
    fn messages_are_translated_and_hide_internals() {
        let leaked = ApiError::Request("missing field `slug` at line 1".into());
        for locale in Locale::ALL {
            let text = leaked.message(locale.strings());
            assert!(!text.contains("slug"), "{text}");
            assert_eq!(
                ApiError::Internal.message(locale.strings()),
                locale.strings().err_internal
            );
        }
        assert_ne!(
            ApiError::NotFound.message(Locale::Ko.strings()),
            ApiError::NotFound.message(Locale::En.strings())
        );
    }
}
