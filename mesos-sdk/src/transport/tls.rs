//! TLS settings for HTTPS masters and agents: rustls with the ring provider, trusting the
//! system's roots and/or given CA certificates, with an optional client certificate.

use std::path::Path;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore};

use crate::error::Error;

/// How to verify HTTPS masters and agents, and how to present ourselves to them.
///
/// ```no_run
/// use mesos_sdk::TlsConfig;
///
/// let tls = TlsConfig::new()
///     .with_ca_file("/etc/mesos/ca.pem")?
///     .with_client_cert_files("/etc/mesos/framework.pem", "/etc/mesos/framework-key.pem")?;
/// # Ok::<(), mesos_sdk::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct TlsConfig {
    ca_certs: Vec<CertificateDer<'static>>,
    skip_system_roots: bool,
    client: Option<(Vec<CertificateDer<'static>>, Arc<PrivateKeyDer<'static>>)>,
}

impl std::fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsConfig")
            .field("ca_certs", &self.ca_certs.len())
            .field("system_roots", &!self.skip_system_roots)
            .field("client_cert", &self.client.is_some())
            .finish()
    }
}

fn tls_error(reason: String, source: Option<crate::error::BoxError>) -> Error {
    Error::Tls { reason, source }
}

impl TlsConfig {
    /// Trust the system's root certificates, present no client certificate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also trust the CA certificates in this PEM text.
    pub fn with_ca_pem(mut self, pem: &[u8]) -> Result<Self, Error> {
        let mut found = 0;
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| {
                tls_error("cannot parse a CA certificate".into(), Some(Box::new(e)))
            })?;
            self.ca_certs.push(cert);
            found += 1;
        }
        if found == 0 {
            return Err(tls_error("no certificate in the CA PEM".into(), None));
        }
        Ok(self)
    }

    /// Also trust the CA certificates in this PEM file.
    pub fn with_ca_file(self, path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let pem = std::fs::read(path).map_err(|e| {
            tls_error(
                format!("cannot read CA file {}", path.display()),
                Some(Box::new(e)),
            )
        })?;
        self.with_ca_pem(&pem)
    }

    /// Trust only the CA certificates given explicitly, not the system's roots.
    pub fn without_system_roots(mut self) -> Self {
        self.skip_system_roots = true;
        self
    }

    /// Present this client certificate chain and key (PEM), for masters that require mutual TLS.
    pub fn with_client_cert_pem(mut self, cert_chain: &[u8], key: &[u8]) -> Result<Self, Error> {
        let chain = CertificateDer::pem_slice_iter(cert_chain)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                tls_error(
                    "cannot parse the client certificate".into(),
                    Some(Box::new(e)),
                )
            })?;
        if chain.is_empty() {
            return Err(tls_error(
                "no certificate in the client certificate PEM".into(),
                None,
            ));
        }
        let key = PrivateKeyDer::from_pem_slice(key)
            .map_err(|e| tls_error("cannot parse the client key".into(), Some(Box::new(e))))?;
        self.client = Some((chain, Arc::new(key)));
        Ok(self)
    }

    /// Present the client certificate chain and key from these PEM files.
    pub fn with_client_cert_files(
        self,
        cert_chain: impl AsRef<Path>,
        key: impl AsRef<Path>,
    ) -> Result<Self, Error> {
        let read = |p: &Path| {
            std::fs::read(p)
                .map_err(|e| tls_error(format!("cannot read {}", p.display()), Some(Box::new(e))))
        };
        let chain = read(cert_chain.as_ref())?;
        let key = read(key.as_ref())?;
        self.with_client_cert_pem(&chain, &key)
    }

    /// Builds the rustls client configuration.
    pub(crate) fn build(&self) -> Result<Arc<ClientConfig>, Error> {
        let mut roots = RootCertStore::empty();
        if !self.skip_system_roots {
            // Unreadable individual system certificates are skipped, as every TLS stack does.
            let native = rustls_native_certs::load_native_certs();
            for cert in native.certs {
                let _ = roots.add(cert);
            }
        }
        for cert in &self.ca_certs {
            roots.add(cert.clone()).map_err(|e| {
                tls_error("a CA certificate is not usable".into(), Some(Box::new(e)))
            })?;
        }
        if roots.is_empty() {
            return Err(tls_error("no trusted root certificates".into(), None));
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| tls_error("unsupported TLS versions".into(), Some(Box::new(e))))?
            .with_root_certificates(roots);
        let config = match &self.client {
            None => builder.with_no_client_auth(),
            Some((chain, key)) => builder
                .with_client_auth_cert(chain.clone(), key.clone_key())
                .map_err(|e| {
                    tls_error(
                        "the client certificate and key do not match".into(),
                        Some(Box::new(e)),
                    )
                })?,
        };
        Ok(Arc::new(config))
    }
}
