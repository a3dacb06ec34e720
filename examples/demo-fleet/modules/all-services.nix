# Experiment: pull in every module under ./services automatically.
# Never wired into a host; explicit imports won.
{
  imports = map (f: ./services + "/${f}") (builtins.attrNames (builtins.readDir ./services));
}
