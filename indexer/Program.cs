using System.CommandLine;
using HkInnoBot.Indexer.Cli;

var root = new RootCommand("HkInnoBot indexer: builds the passage index from corpus/, searches it and evaluates it.");
foreach (var option in CommonOptions.All)
    root.Options.Add(option);
root.Subcommands.Add(BuildCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
return root.Parse(args).Invoke();
