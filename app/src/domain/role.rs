//! The kinds of account. Access decisions are made on the server from the
//! role stored with the account, never from anything the browser sends.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Startup,
    Investor,
    Consultant,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Startup, Role::Investor, Role::Consultant, Role::Admin];

    /// The value stored in the `users.role` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Startup => "startup",
            Role::Investor => "investor",
            Role::Consultant => "consultant",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("Admin"), None);
        assert_eq!(Role::parse("root"), None);
    }
}
