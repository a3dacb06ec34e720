# OpenSSH. Older namespace (modules.security.ssh), on by default.
{ config, lib, ... }:
let
  cfg = config.modules.security.ssh;
in
{
  options.modules.security.ssh.enable = lib.mkOption {
    type = lib.types.bool;
    default = true;
    description = "OpenSSH server with key-only login. Only reachable over the tailnet unless openFirewall is set on the host.";
  };

  config = lib.mkIf cfg.enable {
    services.openssh = {
      enable = true;
      openFirewall = lib.mkDefault false;
      settings = {
        PasswordAuthentication = false;
        KbdInteractiveAuthentication = false;
        PermitRootLogin = "no";
        X11Forwarding = false;
      };
    };
  };
}
