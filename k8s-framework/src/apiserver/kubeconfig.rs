//! The kubeconfig file clients (kubectl, kube-rs) use to reach this server.

/// A kubeconfig with one cluster, user and context, all named `k8sm`, namespace `default`.
pub(crate) fn render(server_url: &str, token: Option<&str>, ca_pem: Option<&str>) -> String {
    use base64::Engine;
    let ca = ca_pem
        .map(|pem| {
            format!(
                "    certificate-authority-data: {}\n",
                base64::engine::general_purpose::STANDARD.encode(pem)
            )
        })
        .unwrap_or_default();
    let user = match token {
        Some(t) => format!("    token: {t}\n"),
        None => "    {}\n".to_string(),
    };
    let user = if token.is_some() {
        format!("  user:\n{user}")
    } else {
        format!("  user:\n{}", user.trim_start().replace("{}", "    {}"))
    };
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: k8sm\n  cluster:\n    server: {server_url}\n{ca}contexts:\n- name: k8sm\n  context:\n    cluster: k8sm\n    user: k8sm\n    namespace: default\ncurrent-context: k8sm\nusers:\n- name: k8sm\n{user}preferences: {{}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_yaml_with_the_server() {
        for token in [None, Some("secret")] {
            let text = render("http://127.0.0.1:1234", token, Some("PEM"));
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
