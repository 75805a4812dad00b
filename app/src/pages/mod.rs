//! One module per route. A page loads what it needs through `api` and
//! composes `components`.

pub mod clusters;
pub mod landing;
pub mod not_found;
