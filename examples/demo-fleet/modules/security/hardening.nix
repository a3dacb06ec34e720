# Implements features.security.{hardening,auditd,fail2ban}.
{ config, lib, ... }:
let
  inherit (lib) mkIf mkMerge;
  cfg = config.features.security;
in
{
  config = mkMerge [
    (mkIf cfg.hardening {
      boot.kernel.sysctl = {
        "kernel.kptr_restrict" = 2;
        "kernel.dmesg_restrict" = 1;
        "kernel.unprivileged_bpf_disabled" = 1;
        "net.core.bpf_jit_harden" = 2;
        "net.ipv4.conf.all.accept_redirects" = 0;
        "net.ipv4.conf.all.send_redirects" = 0;
        "net.ipv6.conf.all.accept_redirects" = 0;
        "net.ipv4.tcp_syncookies" = 1;
      };
      boot.blacklistedKernelModules = [
        "dccp"
        "sctp"
        "rds"
        "tipc"
      ];
      security.protectKernelImage = true;
      networking.firewall = {
        enable = lib.mkDefault true;
        logRefusedConnections = false;
      };
      security.sudo.execWheelOnly = true;
    })

    (mkIf cfg.auditd {
      security.auditd.enable = true;
      security.audit = {
        enable = true;
        rules = [ "-a exit,always -F arch=b64 -S execve -F euid=0" ];
      };
    })

    (mkIf cfg.fail2ban {
      assertions = [
        {
          assertion = cfg.fail2ban -> config.services.openssh.enable;
          message = "features.security.fail2ban only has an sshd jail; enable modules.security.ssh.";
        }
      ];

      services.fail2ban = {
        enable = true;
        maxretry = 5;
        bantime = "1h";
        bantime-increment.enable = true;
        # Never ban the tailnet or the home LAN.
        ignoreIP = [
          "100.64.0.0/10"
          "192.168.1.0/24"
        ];
      };
    })
  ];
}
