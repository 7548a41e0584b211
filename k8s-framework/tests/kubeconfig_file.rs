//! The kubeconfig file the API server writes (`k8sm apiserver --kubeconfig-out`, `k8sm
//! local`): owner-only, replaced atomically, and a symbolic link in its place is replaced
//! rather than followed (a link planted at the path cannot redirect the token elsewhere).

use std::os::unix::fs::PermissionsExt;

use k8s_framework::apiserver::{ApiServer, ApiServerConfig};

#[tokio::test]
async fn written_owner_only_atomically_and_never_through_a_link() {
    let dir = std::env::temp_dir().join(format!("k8sm-kubeconfig-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let server = ApiServer::start(ApiServerConfig::default().with_token("s3cret"))
        .await
        .unwrap();

    // A fresh file.
    let path = dir.join("config");
    server.write_kubeconfig(&path).unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&server.url()), "{text}");

    // An existing, world-readable file is replaced by an owner-only one.
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    server.write_kubeconfig(&path).unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_ne!(std::fs::read_to_string(&path).unwrap(), "old");

    // A link at the path: the link is replaced, its target is left alone.
    let target = dir.join("elsewhere");
    std::fs::write(&target, "untouched").unwrap();
    let link = dir.join("linked");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    server.write_kubeconfig(&link).unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched");
    let link_meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(link_meta.file_type().is_file(), "the link became a file");
    assert_eq!(link_meta.permissions().mode() & 0o777, 0o600);

    // Nothing else is left in the folder (no temporary file).
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["config", "elsewhere", "linked"]);

    // A folder that does not exist is an error naming the path.
    let error = server
        .write_kubeconfig(&dir.join("missing").join("config"))
        .unwrap_err();
    assert!(error.to_string().contains("missing/config"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}
