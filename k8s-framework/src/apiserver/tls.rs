//! TLS for the API server: a serving identity from PEM (kube-apiserver's `--tls-cert-file` and
//! `--tls-private-key-file`) or a fresh self-signed one for loopback, and the rustls acceptor.
//!
//! kubectl (client-go) sends bearer tokens only over TLS, so a token needs this.

use std::path::Path;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls;

use super::error::Error;

/// A certificate chain and its private key, in PEM.
#[derive(Clone)]
pub struct TlsIdentity {
    cert_pem: String,
    key_pem: String,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("TlsIdentity")
            .field("cert_pem", &self.cert_pem)
            .finish_non_exhaustive()
    }
}

fn tls_error(
    what: impl Into<String>,
    source: impl std::error::Error + Send + Sync + 'static,
) -> Error {
    Error::Tls {
        what: what.into(),
        source: Box::new(source),
    }
}

impl TlsIdentity {
    /// From PEM text: the certificate chain (leaf first) and its private key.
    pub fn from_pem(cert_pem: impl Into<String>, key_pem: impl Into<String>) -> Self {
        Self {
            cert_pem: cert_pem.into(),
            key_pem: key_pem.into(),
        }
    }

    /// From PEM files.
    pub fn from_files(cert: &Path, key: &Path) -> Result<Self, Error> {
        let read = |p: &Path| {
            std::fs::read_to_string(p).map_err(|source| Error::Io {
                doing: "reading a TLS PEM file",
                source,
            })
        };
        Ok(Self::from_pem(read(cert)?, read(key)?))
    }

    /// A new self-signed certificate for `127.0.0.1`, `::1` and `localhost`.
    pub fn self_signed() -> Result<Self, Error> {
        let names = vec![
            "127.0.0.1".to_string(),
            "::1".to_string(),
            "localhost".to_string(),
        ];
        let certified = rcgen::generate_simple_self_signed(names)
            .map_err(|e| tls_error("generating a self-signed certificate", e))?;
        Ok(Self::from_pem(
            certified.cert.pem(),
            certified.signing_key.serialize_pem(),
        ))
    }

    /// The certificate chain in PEM (what a client trusts for a self-signed identity).
    pub fn cert_pem(&self) -> &str {
        &self.cert_pem
    }

    pub(crate) fn acceptor(&self) -> Result<TlsAcceptor, Error> {
        let certs = CertificateDer::pem_slice_iter(self.cert_pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| tls_error("parsing the certificate PEM", e))?;
        let key = PrivateKeyDer::from_pem_slice(self.key_pem.as_bytes())
            .map_err(|e| tls_error("parsing the private key PEM", e))?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| tls_error("choosing TLS versions", e))?
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .map_err(|e| tls_error("loading the certificate and key", e))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(TlsAcceptor::from(Arc::new(config)))
    }
}
