# Host types. Each template is a function returning a module-shaped attrset
# `{ imports = [ ... ]; config = { ... }; }`.
#
# Hosts use them in two ways:
#   imports = hostTypes.workstation.imports ++ [ ... ];   # imports only
#   imports = [ hostTypes.server ... ];                    # whole module
# Only the second form applies the template's `config` defaults.
{ lib }:
{
  workstation = import ./workstation.nix { inherit lib; };
  laptop = import ./laptop.nix { inherit lib; };
  server = import ./server.nix { inherit lib; };
}
