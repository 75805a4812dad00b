//! The session-signing key: from configuration, or generated once and kept
//! in the data directory with owner-only permissions.

use crate::startup::StartupError;
use base64::{engine::general_purpose::STANDARD_NO_PAD, Engine};
use rand::RngCore;
use std::path::Path;

pub const MIN_SECRET_BYTES: usize = 32;
const GENERATED_SECRET_BYTES: usize = 64;
const SECRET_FILE: &str = "secret.key";

/// A key that never prints itself.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

pub fn load_or_create(configured: Option<&str>, data_dir: &Path) -> Result<Secret, StartupError> {
    if let Some(value) = configured {
        return checked(value.as_bytes().to_vec(), "PITCHBRIDGE_SECRET");
    }
    let path = data_dir.join(SECRET_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let bytes = STANDARD_NO_PAD.decode(text.trim()).map_err(|_| {
                StartupError::new(format!(
                    "{} is not a valid key file: delete it to generate a new one (signs everyone out)",
                    path.display()
                ))
            })?;
            checked(bytes, &path.display().to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(&path),
        Err(e) => Err(StartupError::new(format!(
            "cannot read {}: {e}; fix its permissions or set PITCHBRIDGE_SECRET",
            path.display()
        ))),
    }
}

fn checked(bytes: Vec<u8>, source: &str) -> Result<Secret, StartupError> {
    if bytes.len() < MIN_SECRET_BYTES {
        return Err(StartupError::new(format!(
            "the secret from {source} is {} bytes; use at least {MIN_SECRET_BYTES} random bytes \
             (for example: openssl rand -base64 48)",
            bytes.len()
        )));
    }
    Ok(Secret(bytes))
}

fn create(path: &Path) -> Result<Secret, StartupError> {
    let mut bytes = vec![0u8; GENERATED_SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    let encoded = STANDARD_NO_PAD.encode(&bytes);
    write_private(path, encoded.as_bytes()).map_err(|e| {
        StartupError::new(format!(
            "cannot write the generated key to {}: {e}; make the data directory writable or set PITCHBRIDGE_SECRET",
            path.display()
        ))
    })?;
    tracing::info!(path = %path.display(), "generated a new session signing key");
    Ok(Secret(bytes))
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("pb-secret-{}", rand::random::<u64>()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn short_configured_secret_is_refused() {
        let err = load_or_create(Some("too-short"), &temp_dir()).unwrap_err();
        assert!(err.to_string().contains("at least 32"), "{err}");
    }

    #[test]
    fn generated_secret_is_private_and_stable() {
        let dir = temp_dir();
        let first = load_or_create(None, &dir).unwrap();
        let second = load_or_create(None, &dir).unwrap();
        assert_eq!(first.as_bytes(), second.as_bytes());
        assert_eq!(first.as_bytes().len(), GENERATED_SECRET_BYTES);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(SECRET_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(format!("{first:?}"), "Secret(<redacted>)");
    }
}
