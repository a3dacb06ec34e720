//! `GET /api/rules`: the lint rule catalogue with each rule's documentation. The browser
//! runs the rules itself but leaves their documentation here, out of the web app's size.

use axum::routing::get;
use axum::{Json, Router};
use shared::api::{RuleDoc, RuleList};
use shared::lint::Rule;

use super::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/rules", get(rules))
}

#[tracing::instrument]
async fn rules() -> Json<RuleList> {
    let rules = Rule::ALL
        .iter()
        .map(|&rule| RuleDoc {
            code: rule.code().to_owned(),
            default_severity: rule.default_severity().as_str().to_owned(),
            summary: rule.summary(),
            doc: rule.doc(),
        })
        .collect();
    Json(RuleList { rules })
}
