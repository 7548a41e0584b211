//! LAUNCH and LAUNCH_GROUP validation as Mesos 1.11.0 does it (`src/master/validation.cpp`,
//! `Master::accept`): which check answers first, and the exact TASK_ERROR message.

mod common;

use std::time::Duration;

use common::{Enc, Subscription, bare_call, command_task, framework_info, scalar};
use mesos_sdk::v1::offer::{Operation, operation};
use mesos_sdk::v1::scheduler::{Call, call};
use mesos_sdk::v1::{
    AgentId, CommandInfo, ContainerInfo, DurationInfo, ExecutorId, ExecutorInfo, FrameworkId,
    HealthCheck, LinuxInfo, Offer, Resource, TaskGroupInfo, TaskInfo, TaskState, TaskStatus,
    container_info, executor_info, health_check, task_status,
};
use mesos_sim::Cluster;

const AGENT: &str = "cpus:2;mem:1024;disk:1024;ports:[31000-31009]";

async fn cluster(synthetic: bool) -> Cluster {
    Cluster::builder()
        .synthetic(synthetic)
        .agent_resources(AGENT)
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap()
}

fn framework(id: &str) -> Option<FrameworkId> {
    Some(FrameworkId { value: id.into() })
}

/// A DEFAULT executor with enough resources for a group.
fn default_executor(id: &str, framework_id: Option<FrameworkId>) -> ExecutorInfo {
    ExecutorInfo {
        r#type: Some(executor_info::Type::Default as i32),
        executor_id: ExecutorId { value: id.into() },
        framework_id,
        resources: vec![
            scalar("cpus", 0.1),
            scalar("mem", 32.0),
            scalar("disk", 16.0),
        ],
        ..Default::default()
    }
}

/// A CUSTOM executor for LAUNCH.
fn custom_executor(id: &str, command: &str, framework_id: Option<FrameworkId>) -> ExecutorInfo {
    ExecutorInfo {
        r#type: Some(executor_info::Type::Custom as i32),
        executor_id: ExecutorId { value: id.into() },
        framework_id,
        command: Some(CommandInfo {
            value: Some(command.into()),
            ..Default::default()
        }),
        resources: vec![scalar("cpus", 0.1), scalar("mem", 32.0)],
        ..Default::default()
    }
}

/// A task run by `executor` (no command of its own).
fn executor_task(offer: &Offer, id: &str, executor: ExecutorInfo) -> TaskInfo {
    let mut task = command_task(offer, id, "unused");
    task.command = None;
    task.executor = Some(executor);
    task
}

fn launch(tasks: Vec<TaskInfo>) -> Operation {
    Operation {
        r#type: Some(operation::Type::Launch as i32),
        launch: Some(operation::Launch { task_infos: tasks }),
        ..Default::default()
    }
}

fn launch_group(executor: ExecutorInfo, tasks: Vec<TaskInfo>) -> Operation {
    Operation {
        r#type: Some(operation::Type::LaunchGroup as i32),
        launch_group: Some(operation::LaunchGroup {
            executor,
            task_group: TaskGroupInfo { tasks },
        }),
        ..Default::default()
    }
}

fn accept(framework_id: &str, offer: &Offer, operations: Vec<Operation>) -> Call {
    let mut call = bare_call(framework_id, call::Type::Accept);
    call.accept = Some(call::Accept {
        offer_ids: vec![offer.id.clone()],
        operations,
        filters: Some(mesos_sdk::v1::Filters {
            refuse_seconds: Some(0.0),
        }),
    });
    call
}

/// The next `count` updates, each checked to be a master's TASK_ERROR with `reason`.
async fn errors(
    s: &mut Subscription,
    count: usize,
    reason: task_status::Reason,
) -> Vec<TaskStatus> {
    let mut out = Vec::new();
    for _ in 0..count {
        let status = s.next_update().await;
        assert_eq!(status.state(), TaskState::TaskError, "{status:?}");
        assert_eq!(status.reason(), reason, "{status:?}");
        assert_eq!(status.source(), task_status::Source::Master);
        out.push(status);
    }
    out
}

/// Each task's TASK_ERROR message, by task id.
fn messages(statuses: &[TaskStatus]) -> Vec<(String, String)> {
    statuses
        .iter()
        .map(|s| (s.task_id.value.clone(), s.message().to_string()))
        .collect()
}

fn pair(task: &str, message: &str) -> (String, String) {
    (task.to_string(), message.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_executor_must_name_this_framework() {
    let cluster = cluster(true).await;
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("groups")).await;
    let fid = s.framework_id.clone();
    let offer = s.next_offers().await.remove(0);
    let group = |executor: ExecutorInfo, prefix: &str| {
        launch_group(
            executor,
            vec![
                command_task(&offer, &format!("{prefix}-1"), "true"),
                command_task(&offer, &format!("{prefix}-2"), "true"),
            ],
        )
    };
    // `validateFrameworkID`: Master::accept does not fill it in for LAUNCH_GROUP. It comes
    // before the group's own checks, so an executor without a type hears about the id first.
    let mut untyped = default_executor("e3", None);
    untyped.r#type = None;
    // ... but after `validateType`.
    let mut commanded = default_executor("e4", None);
    commanded.command = Some(CommandInfo {
        value: Some("x".into()),
        ..Default::default()
    });
    let operations = vec![
        group(default_executor("e1", None), "missing"),
        group(
            default_executor("e2", framework("other-framework")),
            "other",
        ),
        group(untyped, "untyped"),
        group(commanded, "commanded"),
    ];
    s.call(&url, &accept(&fid, &offer, operations)).await;
    let got = errors(&mut s, 8, task_status::Reason::TaskGroupInvalid).await;
    let missing = "'ExecutorInfo.framework_id' must be set";
    let other = format!(
        "ExecutorInfo has an invalid FrameworkID (Actual: other-framework vs Expected: {fid})"
    );
    let commanded = "'ExecutorInfo.command' must not be set for 'DEFAULT' executor";
    assert_eq!(
        messages(&got),
        vec![
            pair("missing-1", missing),
            pair("missing-2", missing),
            pair("other-1", &other),
            pair("other-2", &other),
            pair("untyped-1", missing),
            pair("untyped-2", missing),
            pair("commanded-1", commanded),
            pair("commanded-2", commanded),
        ]
    );
    // With the framework's id the group runs.
    let offer = s.next_offers().await.remove(0);
    s.call(
        &url,
        &accept(
            &fid,
            &offer,
            vec![group(default_executor("e5", framework(&fid)), "ok")],
        ),
    )
    .await;
    let status = s.next_update().await;
    assert_eq!(status.state(), TaskState::TaskStarting, "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn launch_fills_in_a_missing_executor_framework_id_but_refuses_a_wrong_one() {
    let cluster = cluster(true).await;
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Json, framework_info("launch")).await;
    let fid = s.framework_id.clone();
    let offer = s.next_offers().await.remove(0);
    let wrong = executor_task(
        &offer,
        "wrong",
        custom_executor("ew", "x", framework("nope")),
    );
    s.call(&url, &accept(&fid, &offer, vec![launch(vec![wrong])]))
        .await;
    let got = errors(&mut s, 1, task_status::Reason::TaskInvalid).await;
    assert_eq!(
        got[0].message(),
        format!("ExecutorInfo has an invalid FrameworkID (Actual: nope vs Expected: {fid})")
    );
    let offer = s.next_offers().await.remove(0);
    let fine = executor_task(&offer, "fine", custom_executor("ef", "x", None));
    s.call(&url, &accept(&fid, &offer, vec![launch(vec![fine])]))
        .await;
    let status = s.next_update().await;
    assert_eq!(status.task_id.value, "fine");
    assert_eq!(status.state(), TaskState::TaskStarting, "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_executor_needs_minimum_resources_reported_with_amounts() {
    let cluster = cluster(true).await;
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("minimum")).await;
    let fid = s.framework_id.clone();
    let offer = s.next_offers().await.remove(0);
    let with = |id: &str, resources: Vec<Resource>| {
        let mut executor = default_executor(id, framework(&fid));
        executor.resources = resources;
        launch_group(executor, vec![command_task(&offer, id, "true")])
    };
    let operations = vec![
        with(
            "tiny-cpus",
            vec![
                scalar("cpus", 0.001),
                scalar("mem", 32.0),
                scalar("disk", 1.0),
            ],
        ),
        with("no-cpus", vec![scalar("mem", 32.0), scalar("disk", 1.0)]),
        with(
            "small-mem",
            vec![
                scalar("cpus", 0.01),
                scalar("mem", 31.9),
                scalar("disk", 1.0),
            ],
        ),
        with("no-mem", vec![scalar("cpus", 0.5), scalar("disk", 1.0)]),
        with("no-disk", vec![scalar("cpus", 0.5), scalar("mem", 64.0)]),
        // Too much: every amount as `stringify(Resources)` has it.
        with(
            "greedy",
            vec![
                scalar("cpus", 4.0),
                scalar("mem", 32.0),
                scalar("disk", 1.0),
            ],
        ),
    ];
    s.call(&url, &accept(&fid, &offer, operations)).await;
    let got = errors(&mut s, 6, task_status::Reason::TaskGroupInvalid).await;
    assert_eq!(
        messages(&got),
        vec![
            pair(
                "tiny-cpus",
                "Executor 'tiny-cpus' uses less CPUs (0.001) than the minimum required (0.01)"
            ),
            pair(
                "no-cpus",
                "Executor 'no-cpus' uses less CPUs (None) than the minimum required (0.01)"
            ),
            pair(
                "small-mem",
                "Executor 'small-mem' uses less memory (31MB) than the minimum required (32MB)"
            ),
            pair(
                "no-mem",
                "Executor 'no-mem' uses less memory (None) than the minimum required (32MB)"
            ),
            pair("no-disk", "Executor 'no-disk' uses no disk"),
            pair(
                "greedy",
                "Total resources cpus(allocated: *):4.1; mem(allocated: *):64; \
                 disk(allocated: *):1 required by task group and its executor are more than \
                 available cpus(allocated: *):2; mem(allocated: *):1024; \
                 disk(allocated: *):1024; ports(allocated: *):[31000-31009]"
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn launch_checks_answer_in_upstream_order_and_words() {
    let cluster = cluster(true).await;
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("words")).await;
    let fid = s.framework_id.clone();
    let offer = s.next_offers().await.remove(0);
    let agent = offer.agent_id.value.clone();

    let dot = command_task(&offer, ".", "true");
    let mut elsewhere = command_task(&offer, "elsewhere", "true");
    elsewhere.agent_id = AgentId {
        value: "other-agent".into(),
    };
    let mut overdue = command_task(&offer, "overdue", "true");
    overdue.max_completion_time = Some(DurationInfo { nanoseconds: -1 });
    // Without `type`, Master::accept infers COMMAND from `command` (for LAUNCH only).
    let mut unhealthy = command_task(&offer, "unhealthy", "true");
    unhealthy.health_check = Some(HealthCheck {
        command: Some(CommandInfo::default()),
        ..Default::default()
    });
    let mut bad_path = command_task(&offer, "bad-path", "true");
    bad_path.health_check = Some(HealthCheck {
        r#type: Some(health_check::Type::Http as i32),
        http: Some(health_check::HttpCheckInfo {
            port: 8080,
            path: Some("health".into()),
            ..Default::default()
        }),
        ..Default::default()
    });
    let nameless = executor_task(&offer, "nameless", custom_executor("", "x", None));
    let mut default_type = custom_executor("d", "x", None);
    default_type.r#type = Some(executor_info::Type::Default as i32);
    default_type.command = None;
    let default_type = executor_task(&offer, "default-type", default_type);
    let mut commandless = custom_executor("c", "x", None);
    commandless.r#type = None;
    commandless.command = None;
    let commandless = executor_task(&offer, "commandless", commandless);
    let mut unshared = command_task(&offer, "unshared", "true");
    unshared.container = Some(ContainerInfo {
        r#type: container_info::Type::Mesos as i32,
        linux_info: Some(LinuxInfo {
            share_cgroups: Some(false),
            ..Default::default()
        }),
        ..Default::default()
    });
    // The same port for the task and its executor (`validateTaskAndExecutorResources`).
    let port = || Resource {
        name: "ports".into(),
        r#type: mesos_sdk::v1::value::Type::Ranges as i32,
        ranges: Some(mesos_sdk::v1::value::Ranges {
            range: vec![mesos_sdk::v1::value::Range {
                begin: 31000,
                end: 31000,
            }],
        }),
        ..Default::default()
    };
    let mut shared_port = custom_executor("p", "x", None);
    shared_port.resources.push(port());
    let mut overlap = executor_task(&offer, "overlap", shared_port);
    overlap.resources.push(port());
    let mut greedy = command_task(&offer, "greedy", "true");
    greedy.resources = vec![scalar("cpus", 64.0)];
    let tasks = vec![
        dot,
        elsewhere,
        overdue,
        unhealthy,
        bad_path,
        nameless,
        default_type,
        commandless,
        unshared,
        overlap,
        greedy,
    ];
    let count = tasks.len();
    // A resource `Resources::validate` refuses fails the whole operation first
    // (`validateAndUpgradeResources`), before its `id` is looked at.
    let mut broken = command_task(&offer, "broken", "true");
    broken.resources = vec![Resource {
        scalar: None,
        ..scalar("cpus", 0.1)
    }];
    let mut with_id = launch(vec![broken, command_task(&offer, "innocent", "true")]);
    with_id.id = Some(mesos_sdk::v1::OperationId { value: "op".into() });
    s.call(&url, &accept(&fid, &offer, vec![launch(tasks), with_id]))
        .await;
    // That check runs over all operations before any is applied, so its errors come first.
    let got = errors(&mut s, count + 2, task_status::Reason::TaskInvalid).await;
    let invalid_resource = "Resource 'cpus:0' is invalid: Invalid scalar resource";
    let mut got = messages(&got);
    // Both sides print as `JSON::protobuf` writes them (sorted keys, no deprecated
    // defaults); only the frame is checked here.
    let (_, overlap) = got.remove(11);
    assert!(
        overlap.starts_with("There are overlapping resources in the task resources [{")
            && overlap.contains("}] and executor resources [{"),
        "{overlap}"
    );
    assert_eq!(
        got,
        vec![
            pair("broken", invalid_resource),
            pair("innocent", invalid_resource),
            pair(".", "'.' is disallowed"),
            pair(
                "elsewhere",
                &format!("Task uses invalid agent other-agent while agent {agent} is expected")
            ),
            pair(
                "overdue",
                "Task's `max_completion_time` must be non-negative"
            ),
            pair(
                "unhealthy",
                "Task uses invalid health check: Command health check must contain 'shell \
                 command'"
            ),
            pair(
                "bad-path",
                "Task uses invalid health check: The path 'health' of HTTP health check must \
                 start with '/'"
            ),
            pair("nameless", "ID must not be empty"),
            pair("default-type", "'ExecutorInfo.type' must be 'CUSTOM'"),
            pair("commandless", "'ExecutorInfo.command' must be set"),
            pair(
                "unshared",
                "Only tasks in a task group may have 'share_cgroups' set to 'false'"
            ),
            pair(
                "greedy",
                "Total resources cpus(allocated: *):64 required by task and its executor is \
                 more than available cpus(allocated: *):2; mem(allocated: *):1024; \
                 disk(allocated: *):1024; ports(allocated: *):[31000-31009]"
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_tasks_are_checked_first_with_their_id_in_the_message() {
    let cluster = cluster(true).await;
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("group-tasks")).await;
    let fid = s.framework_id.clone();
    let offer = s.next_offers().await.remove(0);
    let agent = offer.agent_id.value.clone();
    let mut elsewhere = command_task(&offer, "elsewhere", "true");
    elsewhere.agent_id = AgentId {
        value: "other-agent".into(),
    };
    let mut limited = command_task(&offer, "limited", "true");
    limited
        .limits
        .insert("cpus".into(), mesos_sdk::v1::value::Scalar { value: 1.0 });
    // The task is checked before the executor, whose missing id would be refused too.
    let operations = vec![
        launch_group(default_executor("e1", None), vec![elsewhere]),
        launch_group(default_executor("e2", framework(&fid)), vec![limited]),
    ];
    s.call(&url, &accept(&fid, &offer, operations)).await;
    let got = errors(&mut s, 2, task_status::Reason::TaskGroupInvalid).await;
    assert_eq!(
        messages(&got),
        vec![
            pair(
                "elsewhere",
                &format!(
                    "Task 'elsewhere' is invalid: Task uses invalid agent other-agent while \
                     agent {agent} is expected"
                )
            ),
            pair(
                "limited",
                "Task 'limited' is invalid: Resource limits may only be set for tasks within a \
                 task group when the 'share_cgroups' field is set to 'false'."
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incompatible_executor_is_shown_as_debug_strings() {
    // A real custom executor (it exits at once): only its registration matters here.
    let cluster = cluster(false).await;
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("compat")).await;
    let fid = s.framework_id.clone();
    let offer = s.next_offers().await.remove(0);
    let first = executor_task(&offer, "first", custom_executor("ex", "true", None));
    let second = executor_task(&offer, "second", custom_executor("ex", "false", None));
    s.call(
        &url,
        &accept(&fid, &offer, vec![launch(vec![first, second])]),
    )
    .await;
    let status = loop {
        let status = s.next_update().await;
        if status.task_id.value == "second" {
            break status;
        }
    };
    assert_eq!(status.state(), TaskState::TaskError);
    assert_eq!(status.reason(), task_status::Reason::TaskInvalid);
    let shown = |command: &str| {
        format!(
            "executor_id {{\n  value: \"ex\"\n}}\n\
             resources {{\n  name: \"cpus\"\n  type: SCALAR\n  scalar {{\n    value: 0.1\n  }}\n  \
             allocation_info {{\n    role: \"*\"\n  }}\n}}\n\
             resources {{\n  name: \"mem\"\n  type: SCALAR\n  scalar {{\n    value: 32\n  }}\n  \
             allocation_info {{\n    role: \"*\"\n  }}\n}}\n\
             command {{\n  value: \"{command}\"\n}}\n\
             framework_id {{\n  value: \"{fid}\"\n}}\n\
             type: CUSTOM\n"
        )
    };
    let rule = "-".repeat(60);
    assert_eq!(
        status.message(),
        format!(
            "ExecutorInfo is not compatible with existing ExecutorInfo with same ExecutorID.\n\
             {rule}\nExisting ExecutorInfo:\n{}\n{rule}\nExecutorInfo:\n{}\n{rule}\n",
            shown("true"),
            shown("false")
        )
    );
}
