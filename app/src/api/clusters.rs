//! Mini-cluster reads. Clusters are public programme information, so these
//! are open to every visitor (they are on the anonymous allow-list).

use super::ApiError;
use crate::domain::cluster::Cluster;
use leptos::prelude::*;

#[server(endpoint = "clusters/list")]
pub async fn list_clusters() -> Result<Vec<Cluster>, ApiError> {
    use crate::ssr::{reject, store};
    let store = store()?;
    store
        .list_clusters()
        .await
        .map_err(|e| reject(ApiError::from(e)))
}

/// One cluster by slug. A malformed slug is answered like an unknown one, so
/// probing URLs learns nothing and never reaches the database.
#[server(endpoint = "clusters/get")]
pub async fn get_cluster(slug: String) -> Result<Cluster, ApiError> {
    use crate::domain::cluster::is_valid_slug;
    use crate::ssr::{reject, store};
    if !is_valid_slug(&slug) {
        return Err(reject(ApiError::NotFound));
    }
    let store = store()?;
    store
        .cluster_by_slug(&slug)
        .await
        .map_err(|e| reject(ApiError::from(e)))
}
