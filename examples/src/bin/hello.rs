//! `hello`: the smallest complete Mesos framework. Runs `echo hello` once on any agent,
//! prints the task's status updates, and tears the framework down when the task has ended.
//! Usage: `hello [MASTER]`, MASTER as `host:port` (default `127.0.0.1:5050`),
//! `http(s)://host:port` or `zk://host:port/mesos`. README.md shows this file whole.

use futures_util::StreamExt;
use mesos_sdk::offers::{ResourceRequest, find_fit, launch, refuse_for};
use mesos_sdk::scheduler::{SchedulerConfig, Session, SessionEvent};
use mesos_sdk::task_state::is_terminal;
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{CommandInfo, FrameworkInfo, TaskId, TaskInfo};

#[tokio::main]
async fn main() -> Result<(), mesos_sdk::Error> {
    let master = std::env::args().nth(1).unwrap_or("127.0.0.1:5050".into());
    let framework = FrameworkInfo {
        user: std::env::var("USER").unwrap_or("root".into()), // the Unix user tasks run as
        name: "hello".into(),
        ..Default::default()
    };
    // The session follows the leading master, re-subscribes and acknowledges updates.
    let detector = mesos_sdk::detector::for_url(&master)?;
    let (scheduler, mut events) = Session::start(SchedulerConfig::new(framework), detector)?;
    let wanted = ResourceRequest::new().cpus(0.1).mem(32.0);
    let mut launched = false;

    while let Some(event) = events.next().await {
        let SessionEvent::Event(event) = event? else {
            continue;
        };
        match event.r#type() {
            event::Type::Offers => {
                for offer in event.offers.map(|o| o.offers).unwrap_or_default() {
                    let Some(resources) = find_fit(&offer, &wanted).filter(|_| !launched) else {
                        scheduler
                            .decline(vec![offer.id], Some(refuse_for(3600.0)))
                            .await?;
                        continue;
                    };
                    let task = TaskInfo {
                        name: "hello".into(),
                        task_id: TaskId {
                            value: "hello-1".into(),
                        },
                        agent_id: offer.agent_id.clone(),
                        resources: resources.into_vec(),
                        command: Some(CommandInfo {
                            value: Some("echo hello".into()),
                            ..Default::default()
                        }),
                        ..Default::default()
                    };
                    scheduler
                        .accept(vec![offer.id], vec![launch(vec![task])], None)
                        .await?;
                    scheduler.suppress(vec![]).await?; // no more offers wanted
                    launched = true;
                }
            }
            event::Type::Update => {
                let Some(status) = event.update.map(|u| u.status) else {
                    continue;
                };
                println!(
                    "{} is {}",
                    status.task_id.value,
                    status.state().as_str_name()
                );
                if is_terminal(status.state()) {
                    scheduler.teardown().await?; // removes the framework from the master
                    break;
                }
            }
            _ => {}
        }
    }
    Ok(())
}
