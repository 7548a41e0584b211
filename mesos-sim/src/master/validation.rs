//! Call-level validation, answered with `400 Failed to validate scheduler::Call: ...`, and the
//! id and role rules it relies on. `mesos: src/master/validation.cpp` `scheduler::call::validate`,
//! `mesos: src/common/validation.cpp` `validateID`, `mesos: src/common/roles.cpp` `validate`.

use mesos_sdk::v1::scheduler::{Call, call::Type};

/// Validates a decoded call; `principal` is the authenticated principal, if any.
pub(crate) fn validate_call(call: &Call, principal: Option<&str>) -> Result<Type, String> {
    // An unknown enum value is an unknown field to protobuf and an unset field after JSON.
    let Some(kind) = call.r#type.and_then(|t| Type::try_from(t).ok()) else {
        return Err("Expecting 'type' to be present".into());
    };
    if kind == Type::Subscribe {
        let Some(subscribe) = &call.subscribe else {
            return Err("Expecting 'subscribe' to be present".into());
        };
        if subscribe.framework_info.id != call.framework_id {
            return Err("'framework_id' differs from 'subscribe.framework_info.id'".into());
        }
        if let (Some(principal), Some(declared)) =
            (principal, subscribe.framework_info.principal.as_deref())
            && principal != declared
        {
            return Err(format!(
                "Authenticated principal '{principal}' does not match principal '{declared}' set in `FrameworkInfo`"
            ));
        }
        return Ok(kind);
    }
    if call.framework_id.is_none() {
        return Err("Expecting 'framework_id' to be present".into());
    }
    let present = |present: bool, name: &str| {
        if present {
            Ok(())
        } else {
            Err(format!("Expecting '{name}' to be present"))
        }
    };
    match kind {
        Type::Accept => present(call.accept.is_some(), "accept")?,
        Type::Decline => present(call.decline.is_some(), "decline")?,
        Type::AcceptInverseOffers => present(
            call.accept_inverse_offers.is_some(),
            "accept_inverse_offers",
        )?,
        Type::DeclineInverseOffers => present(
            call.decline_inverse_offers.is_some(),
            "decline_inverse_offers",
        )?,
        Type::Kill => present(call.kill.is_some(), "kill")?,
        Type::Shutdown => present(call.shutdown.is_some(), "shutdown")?,
        Type::Acknowledge => {
            let Some(ack) = &call.acknowledge else {
                return Err("Expecting 'acknowledge' to be present".into());
            };
            validate_uuid(&ack.uuid)?;
        }
        Type::AcknowledgeOperationStatus => {
            let Some(ack) = &call.acknowledge_operation_status else {
                return Err("Expecting 'acknowledge_operation_status' to be present".into());
            };
            validate_uuid(&ack.uuid)?;
            if ack.agent_id.is_none() {
                return Err("Expecting 'agent_id' to be present".into());
            }
        }
        Type::Reconcile => present(call.reconcile.is_some(), "reconcile")?,
        Type::ReconcileOperations => {
            present(call.reconcile_operations.is_some(), "reconcile_operations")?
        }
        Type::Message => present(call.message.is_some(), "message")?,
        Type::Request => present(call.request.is_some(), "request")?,
        Type::UpdateFramework => {
            let Some(update) = &call.update_framework else {
                return Err("Expecting 'update_framework' to be present".into());
            };
            if update.framework_info.id != call.framework_id {
                return Err(
                    "'framework_id' differs from 'update_framework.framework_info.id'".into(),
                );
            }
        }
        Type::Subscribe | Type::Teardown | Type::Revive | Type::Suppress | Type::Unknown => {}
    }
    Ok(kind)
}

/// A 16-byte uuid, as stout's `UUID::fromBytes` requires.
pub(crate) fn validate_uuid(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() == 16 {
        Ok(())
    } else {
        Err("Not a valid UUID".into())
    }
}

/// Mesos' rules for task, executor, framework and persistence ids
/// (`mesos: src/common/validation.cpp` `validateID`): ids become path components on agents.
pub(crate) fn validate_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("ID must not be empty".into());
    }
    // `NAME_MAX` on Linux.
    if id.len() > 255 {
        return Err("ID must not be greater than 255 characters".into());
    }
    if id == "." || id == ".." {
        return Err(format!("'{id}' is disallowed"));
    }
    // `iscntrl` on each byte: the ASCII control characters.
    if id
        .bytes()
        .any(|b| b.is_ascii_control() || b == b'/' || b == b'\\')
    {
        return Err(format!("'{id}' contains invalid characters"));
    }
    Ok(())
}

/// Role names (`mesos: src/common/roles.cpp` `roles::validate`), with its messages: `*`, or
/// `/`-separated components that are not `.`, `..` or `*`, do not start with `-` and hold no
/// whitespace or DEL.
pub(crate) fn validate_role(role: &str) -> Result<(), String> {
    if role == "*" {
        return Ok(());
    }
    if role.starts_with('/') {
        return Err(format!("Role '{role}' cannot start with a slash"));
    }
    if role.ends_with('/') {
        return Err(format!("Role '{role}' cannot end with a slash"));
    }
    if role.contains("//") {
        return Err(format!("Role '{role}' cannot contain two adjacent slashes"));
    }
    let components: Vec<&str> = role.split('/').filter(|c| !c.is_empty()).collect();
    if components.is_empty() {
        return Err("Role names cannot be the empty string".into());
    }
    for component in components {
        match component {
            "." => return Err(format!("Role '{role}' cannot include '.' as a component")),
            ".." => return Err(format!("Role '{role}' cannot include '..' as a component")),
            "*" => return Err(format!("Role '{role}' cannot include '*' as a component")),
            _ => {}
        }
        if component.starts_with('-') {
            return Err(format!(
                "Role component '{component}' is invalid because it starts with a dash"
            ));
        }
        if component
            .bytes()
            .any(|b| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | 0x7f))
        {
            return Err(format!(
                "Role component '{component}' is invalid because it contains backspace or \
                 whitespace"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mesos_sdk::v1::FrameworkId;
    use mesos_sdk::v1::scheduler::call;

    #[test]
    fn subscribe_ids_must_agree() {
        let mut c = Call {
            r#type: Some(Type::Subscribe as i32),
            subscribe: Some(call::Subscribe::default()),
            framework_id: Some(FrameworkId { value: "f".into() }),
            ..Default::default()
        };
        assert!(validate_call(&c, None).unwrap_err().contains("differs"));
        c.subscribe.as_mut().unwrap().framework_info.id = Some(FrameworkId { value: "f".into() });
        assert_eq!(validate_call(&c, None), Ok(Type::Subscribe));
    }

    #[test]
    fn unknown_type_and_short_uuid_are_refused() {
        let c = Call {
            r#type: Some(99),
            framework_id: Some(FrameworkId { value: "f".into() }),
            ..Default::default()
        };
        assert_eq!(
            validate_call(&c, None).unwrap_err(),
            "Expecting 'type' to be present"
        );
        let c = Call {
            r#type: Some(Type::Acknowledge as i32),
            framework_id: Some(FrameworkId { value: "f".into() }),
            acknowledge: Some(call::Acknowledge {
                uuid: vec![1u8; 15].into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(validate_call(&c, None).unwrap_err(), "Not a valid UUID");
    }

    #[test]
    fn roles_and_ids() {
        assert!(validate_role("eng/frontend").is_ok());
        for bad in ["", "/a", "a//b", "-a", "a b", "..", "a/*"] {
            assert!(validate_role(bad).is_err(), "{bad:?}");
        }
        assert!(validate_id("task-1").is_ok());
        for bad in ["", ".", "a/b", "a\\b", "a\nb"] {
            assert!(validate_id(bad).is_err(), "{bad:?}");
        }
    }
}
