# Tiny health-check script the Justfile runs after each deploy.
{
  lib,
  writeShellApplication,
  curl,
  systemd,
  coreutils,
}:
writeShellApplication {
  name = "fleet-health";
  runtimeInputs = [
    curl
    systemd
    coreutils
  ];
  text = ''
    set -euo pipefail
    failed=$(systemctl --failed --no-legend --plain | wc -l)
    if [ "$failed" -gt 0 ]; then
      echo "fleet-health: $failed failed unit(s):"
      systemctl --failed --no-legend --plain
      exit 1
    fi
    if [ "$#" -gt 0 ]; then
      for url in "$@"; do
        curl --fail --silent --max-time 5 "$url" > /dev/null || { echo "fleet-health: $url down"; exit 1; }
      done
    fi
    echo "fleet-health: ok ($(readlink /run/current-system))"
  '';
  meta = {
    description = "Post-deploy health check: failed units and optional HTTP probes";
    homepage = https://example.org/fleet-health;
    license = lib.licenses.mit;
    platforms = lib.platforms.linux;
    mainProgram = "fleet-health";
  };
}
