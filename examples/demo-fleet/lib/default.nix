# Small helpers shared by hosts. Passed to every host as the `fleetLib`
# special argument from flake.nix.
{ lib }:
{
  # Tailnet suffix used for every MagicDNS name in the fleet.
  tailnet = "tailnet-demo.ts.net";

  # Fully-qualified tailnet name for a host: "p620" -> "p620.tailnet-demo.ts.net".
  tailnetName = host: "${host}.tailnet-demo.ts.net";

  # Every host, with the role it plays. Keep in sync with flake.nix and
  # secrets/secrets.nix (yes, the names live in three places).
  hosts = {
    p620 = "workstation";
    p510 = "server";
    razer = "laptop";
    samsung = "laptop";
    dex5550 = "monitoring";
    hp = "server";
  };

  # Shorthands added in 2023 "to save typing". They only forward to lib.
  mkIf = c: x: lib.mkIf c x;
  mkMerge = lib.mkMerge;

  # Skeleton for the small oneshot/simple units on the servers.
  # `port` was used for a firewall rule once; that moved to the modules.
  mkService = name: port: {
    description = "${name} (fleet-managed)";
    wantedBy = [ "multi-user.target" ];
    after = [ "network-online.target" ];
    wants = [ "network-online.target" ];
    serviceConfig = {
      DynamicUser = true;
      StateDirectory = name;
      ProtectSystem = "strict";
      ProtectHome = true;
      PrivateTmp = true;
      NoNewPrivileges = true;
      Restart = "on-failure";
    };
  };
}
