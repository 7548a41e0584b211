//! The kubeconfig file clients (kubectl, kube-rs) use to reach this server.

use serde_json::json;

/// A kubeconfig with one cluster, user and context, all named `k8sm`, namespace `default`;
/// the token and CA, when given, are the user's credentials and the cluster's trust.
pub(crate) fn render(server_url: &str, token: Option<&str>, ca_pem: Option<&str>) -> String {
    use base64::Engine;
    let mut cluster = json!({"server": server_url});
    if let Some(pem) = ca_pem {
        cluster["certificate-authority-data"] =
            json!(base64::engine::general_purpose::STANDARD.encode(pem));
    }
    let mut user = json!({});
    if let Some(t) = token {
        user["token"] = json!(t);
    }
    let config = json!({
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "k8sm", "cluster": cluster}],
        "contexts": [{"name": "k8sm", "context": {"cluster": "k8sm", "user": "k8sm", "namespace": "default"}}],
        "current-context": "k8sm",
        "users": [{"name": "k8sm", "user": user}],
        "preferences": {},
    });
    // Serializing a JSON value to YAML cannot fail.
    serde_yaml::to_string(&config).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_yaml_with_the_server() {
        for token in [None, Some("secret")] {
            let text = render("http://127.0.0.1:1234", token, Some("PEM"));
            assert!(text.contains("current-context: k8sm"), "{text}");
            let v: serde_json::Value = serde_yaml::from_str(&text).unwrap();
            assert_eq!(
                v["clusters"][0]["cluster"]["server"],
                "http://127.0.0.1:1234"
            );
            assert_eq!(v["current-context"], "k8sm");
            assert_eq!(
                v["clusters"][0]["cluster"]["certificate-authority-data"],
                "UEVN"
            );
            assert_eq!(v["users"][0]["user"]["token"].as_str(), token);
        }
    }
}
