# Alertmanager routing for dex5550. SMTP relay is the ISP's; Gotify webhook
# is in the environment file from agenix.
{ vars, ... }:
{
  services.prometheus.alertmanager.configuration = {
    global = {
      smtp_smarthost = "smtp.example.org:587";
      smtp_from = "dex5550@example.org";
      smtp_auth_username = "dex5550@example.org";
      # TODO: move to the alertmanager-env secret like the webhook URL.
      smtp_auth_password = "changeme";
      smtp_require_tls = true;
    };
    route = {
      receiver = "email";
      group_by = [
        "alertname"
        "instance"
      ];
      group_wait = "30s";
      group_interval = "5m";
      repeat_interval = "4h";
      routes = [
        {
          matchers = [ ''severity="critical"'' ];
          receiver = "gotify";
          repeat_interval = "1h";
        }
      ];
    };
    receivers = [
      {
        name = "email";
        email_configs = [ { to = vars.alertEmail; } ];
      }
      {
        name = "gotify";
        webhook_configs = [ { url = "$GOTIFY_WEBHOOK_URL"; } ];
      }
    ];
  };
}
