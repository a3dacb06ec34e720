# agenix rules: which keys can decrypt which secret.
# All keys below are FAKE placeholders for the nixstudio demo.
let
  alex = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE alex";

  p620 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE p620";
  p510 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE p510";
  razer = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE razer";
  samsung = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE samsung";
  dex5550 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE dex5550";
  hp = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE hp";

  allHosts = [
    p620
    p510
    razer
    samsung
    dex5550
    hp
  ];
in
{
  "user-password.age".publicKeys = [ alex ] ++ allHosts;
  "tailscale-authkey.age".publicKeys = [ alex ] ++ allHosts;
  "restic-password.age".publicKeys = [
    alex
    p620
    p510
    razer
    hp
  ];
  "nix-serve-key.age".publicKeys = [
    alex
    p620
  ];
  "anthropic-api-key.age".publicKeys = [
    alex
    p620
    razer
  ];
  "grafana-admin.age".publicKeys = [
    alex
    dex5550
  ];
  "alertmanager-env.age".publicKeys = [
    alex
    dex5550
  ];
  # Only the dead Nextcloud module uses this.
  "nextcloud-admin.age".publicKeys = [
    alex
    p510
  ];
}
