//! Offer constraints (`SUBSCRIBE`/`UPDATE_FRAMEWORK.offer_constraints`): per role, a list of
//! groups of attribute constraints; an agent is offered to the role only if every constraint of
//! at least one group holds for it. Validation errors refuse the call.
//! `mesos: src/master/allocator/mesos/offer_constraints_filter.cpp`,
//! `mesos: src/master/master.cpp` `createAllocatorFrameworkOptions`.

use std::collections::HashMap;

use mesos_sdk::v1::scheduler::attribute_constraint::{Predicate, Selector, predicate, selector};
use mesos_sdk::v1::scheduler::{AttributeConstraint, OfferConstraints};
use mesos_sdk::v1::{AgentInfo, Attribute, value};
use regex::Regex;

/// What a selector found on an agent: nothing, a pseudoattribute's text, or an attribute.
enum Found<'a> {
    Nothing,
    Text(&'a str),
    Attribute(&'a Attribute),
}

/// A compiled predicate.
#[derive(Clone, Debug)]
enum Test {
    Exists,
    NotExists,
    TextEquals(String),
    TextNotEquals(String),
    TextMatches(Regex),
    TextNotMatches(Regex),
}

impl Test {
    /// Upstream's rules: a missing (pseudo)attribute satisfies only the negative predicates;
    /// a named attribute that is not TEXT satisfies every text predicate.
    fn holds(&self, found: &Found<'_>) -> bool {
        let text = match found {
            Found::Nothing => {
                return matches!(
                    self,
                    Test::NotExists | Test::TextNotEquals(_) | Test::TextNotMatches(_)
                );
            }
            Found::Text(text) => Some(*text),
            Found::Attribute(attribute) => (attribute.r#type == value::Type::Text as i32)
                .then(|| attribute.text.as_ref().map_or("", |t| t.value.as_str())),
        };
        match (self, text) {
            (Test::Exists, _) => true,
            (Test::NotExists, _) => false,
            (_, None) => true,
            (Test::TextEquals(v), Some(t)) => t == v,
            (Test::TextNotEquals(v), Some(t)) => t != v,
            (Test::TextMatches(re), Some(t)) => re.is_match(t),
            (Test::TextNotMatches(re), Some(t)) => !re.is_match(t),
        }
    }
}

/// Where a constraint looks.
#[derive(Clone, Debug)]
enum Target {
    Attribute(String),
    Hostname,
    Region,
    Zone,
}

#[derive(Clone, Debug)]
struct Constraint {
    target: Target,
    test: Test,
}

impl Constraint {
    fn holds(&self, agent: &AgentInfo) -> bool {
        let fault_domain = agent.domain.as_ref().and_then(|d| d.fault_domain.as_ref());
        let found = match &self.target {
            Target::Attribute(name) => agent
                .attributes
                .iter()
                .find(|a| &a.name == name)
                .map_or(Found::Nothing, Found::Attribute),
            Target::Hostname => Found::Text(&agent.hostname),
            Target::Region => fault_domain.map_or(Found::Nothing, |f| Found::Text(&f.region.name)),
            Target::Zone => fault_domain.map_or(Found::Nothing, |f| Found::Text(&f.zone.name)),
        };
        self.test.holds(&found)
    }
}

/// A framework's compiled offer constraints; empty when it set none.
#[derive(Clone, Debug, Default)]
pub(crate) struct OfferConstraintsFilter {
    /// Per role: groups (any may match) of constraints (all must hold).
    roles: HashMap<String, Vec<Vec<Constraint>>>,
}

impl OfferConstraintsFilter {
    /// Validates and compiles `constraints` for a framework with `roles`; the error is the
    /// message of the refusal (ERROR event on SUBSCRIBE, 400 on UPDATE_FRAMEWORK).
    pub(crate) fn new(
        roles: &[String],
        constraints: Option<&OfferConstraints>,
    ) -> Result<OfferConstraintsFilter, String> {
        let Some(constraints) = constraints else {
            return Ok(OfferConstraintsFilter::default());
        };
        let mut role_names: Vec<&String> = constraints.role_constraints.keys().collect();
        role_names.sort();
        if let Some(role) = role_names.iter().find(|r| !roles.contains(r)) {
            // Upstream's message lacks the space before "not" (`validateOfferConstraintsRoles`).
            return Err(format!(
                "Offer constraints specify `role_constraints` for a role '{role}'not contained in the set of roles"
            ));
        }
        let mut compiled = HashMap::new();
        for role in role_names {
            let groups = &constraints.role_constraints[role].groups;
            if groups.is_empty() {
                return Err(invalid(format!(
                    "'OfferConstraints::role_constraints' has an empty 'RoleConstraints::groups' for role {role}"
                )));
            }
            let mut out = Vec::new();
            for group in groups {
                if group.attribute_constraints.is_empty() {
                    // Upstream's message lacks the space after the role.
                    return Err(invalid(format!(
                        "'OfferConstraints::RoleConstraints::groups' for role {role}contains an empty RoleConstraints::Group"
                    )));
                }
                let constraints = group
                    .attribute_constraints
                    .iter()
                    .map(compile)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| {
                        invalid(format!(
                            "A role {role} has an invalid 'AttributeConstraint': {e}"
                        ))
                    })?;
                out.push(constraints);
            }
            compiled.insert(role.clone(), out);
        }
        Ok(OfferConstraintsFilter { roles: compiled })
    }

    /// Whether `agent` must not be offered to `role`.
    pub(crate) fn excludes(&self, role: &str, agent: &AgentInfo) -> bool {
        self.roles
            .get(role)
            .is_some_and(|groups| !groups.iter().any(|g| g.iter().all(|c| c.holds(agent))))
    }
}

fn invalid(reason: String) -> String {
    format!("Offer constraints are not valid: {reason}")
}

fn compile(constraint: &AttributeConstraint) -> Result<Constraint, String> {
    let target = match &constraint.selector {
        Selector {
            selector: Some(selector::Selector::AttributeName(name)),
        } => Target::Attribute(name.clone()),
        Selector {
            selector: Some(selector::Selector::PseudoattributeType(kind)),
        } => match selector::PseudoattributeType::try_from(*kind) {
            Ok(selector::PseudoattributeType::Hostname) => Target::Hostname,
            Ok(selector::PseudoattributeType::Region) => Target::Region,
            Ok(selector::PseudoattributeType::Zone) => Target::Zone,
            _ => return Err("Unknown pseudoattribute type".into()),
        },
        Selector { selector: None } => {
            return Err("Exactly one of 'AttributeConstraint::Selector::name' or 'AttributeConstraint::Selector::pseudoattribute_type' must be set".into());
        }
    };
    let test = match &constraint.predicate {
        Predicate { predicate: None } => return Err("Unknown predicate type".into()),
        Predicate { predicate: Some(p) } => match p {
            predicate::Predicate::Exists(_) => Test::Exists,
            predicate::Predicate::NotExists(_) => Test::NotExists,
            predicate::Predicate::TextEquals(t) => Test::TextEquals(t.value.clone()),
            predicate::Predicate::TextNotEquals(t) => Test::TextNotEquals(t.value.clone()),
            predicate::Predicate::TextMatches(t) => Test::TextMatches(full_match(&t.regex)?),
            predicate::Predicate::TextNotMatches(t) => Test::TextNotMatches(full_match(&t.regex)?),
        },
    };
    Ok(Constraint { target, test })
}

/// Upstream evaluates with `RE2::FullMatch`; the `regex` crate has RE2's syntax and linear-time
/// semantics, so anchoring the whole pattern gives the same matches. RE2's program-size and
/// memory limits (`--offer_constraints_re2_max_program_size`, `_max_mem`) are not modelled.
fn full_match(pattern: &str) -> Result<Regex, String> {
    Regex::new(&format!(r"\A(?:{pattern})\z"))
        .map_err(|e| format!("Failed to construct regex from pattern '{pattern}': {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mesos_sdk::v1::scheduler::offer_constraints::{RoleConstraints, role_constraints::Group};

    fn text(name: &str, value: &str) -> Attribute {
        Attribute {
            name: name.into(),
            r#type: value::Type::Text as i32,
            text: Some(value::Text {
                value: value.into(),
            }),
            ..Default::default()
        }
    }

    fn agent(attributes: Vec<Attribute>) -> AgentInfo {
        AgentInfo {
            hostname: "host-1".into(),
            attributes,
            ..Default::default()
        }
    }

    fn on(name: &str, p: predicate::Predicate) -> AttributeConstraint {
        AttributeConstraint {
            selector: Selector {
                selector: Some(selector::Selector::AttributeName(name.into())),
            },
            predicate: Predicate { predicate: Some(p) },
        }
    }

    fn filter(groups: Vec<Vec<AttributeConstraint>>) -> Result<OfferConstraintsFilter, String> {
        let constraints = OfferConstraints {
            role_constraints: [(
                "r".to_string(),
                RoleConstraints {
                    groups: groups
                        .into_iter()
                        .map(|attribute_constraints| Group {
                            attribute_constraints,
                        })
                        .collect(),
                },
            )]
            .into(),
        };
        OfferConstraintsFilter::new(&["r".into()], Some(&constraints))
    }

    #[test]
    fn groups_are_alternatives_of_conjunctions() {
        let matches = |re: &str| {
            predicate::Predicate::TextMatches(predicate::TextMatches { regex: re.into() })
        };
        let f = filter(vec![
            vec![
                on("rack", matches("a.")),
                on("zone", predicate::Predicate::Exists(predicate::Exists {})),
            ],
            vec![on(
                "gpu",
                predicate::Predicate::TextEquals(predicate::TextEquals {
                    value: "yes".into(),
                }),
            )],
        ])
        .unwrap();
        assert!(!f.excludes("r", &agent(vec![text("rack", "a1"), text("zone", "z")])));
        // Full match: "a12" is not matched by "a.".
        assert!(f.excludes("r", &agent(vec![text("rack", "a12"), text("zone", "z")])));
        assert!(f.excludes("r", &agent(vec![text("rack", "a1")])));
        assert!(!f.excludes("r", &agent(vec![text("gpu", "yes")])));
        // Other roles are unconstrained.
        assert!(!f.excludes("other", &agent(vec![])));
        // A non-TEXT attribute satisfies text predicates, as upstream.
        let scalar = Attribute {
            name: "gpu".into(),
            r#type: value::Type::Scalar as i32,
            scalar: Some(value::Scalar { value: 1.0 }),
            ..Default::default()
        };
        assert!(!f.excludes("r", &agent(vec![scalar])));
    }

    #[test]
    fn invalid_constraints_are_refused() {
        let bad = predicate::Predicate::TextMatches(predicate::TextMatches { regex: "(".into() });
        let error = filter(vec![vec![on("rack", bad)]]).unwrap_err();
        assert!(
            error.starts_with(
                "Offer constraints are not valid: A role r has an invalid 'AttributeConstraint': Failed to construct regex from pattern '('"
            ),
            "{error}"
        );
        assert!(
            filter(vec![])
                .unwrap_err()
                .contains("empty 'RoleConstraints::groups'")
        );
        assert!(
            filter(vec![vec![]])
                .unwrap_err()
                .contains("empty RoleConstraints::Group")
        );
        let no_role = OfferConstraintsFilter::new(
            &["other".into()],
            Some(&OfferConstraints {
                role_constraints: [("r".to_string(), RoleConstraints { groups: vec![] })].into(),
            }),
        )
        .unwrap_err();
        assert!(
            no_role.contains("not contained in the set of roles"),
            "{no_role}"
        );
    }
}
