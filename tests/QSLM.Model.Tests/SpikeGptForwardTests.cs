using TorchSharp;
using static TorchSharp.torch;

namespace QSLM.Model.Tests;

public class SpikeGptForwardTests
{
    /// <summary>A small model with weights scaled up so that the LIF layers actually fire.</summary>
    internal static SpikeGpt ActiveModel(int layers = 2, int width = 16, int vocab = 40, ScalarType dtype = ScalarType.Float64, int seed = 7)
    {
        random.manual_seed(seed);
        var model = new SpikeGpt(new SpikeGptConfig(layers, width, vocab));
        model.to(dtype);
        using var _ = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.EndsWith(".weight") && p.dim() == 2) p.normal_(0, 1.0);
        }
        return model;
    }

    [Fact]
    public void Recurrent_and_whole_sequence_forwards_give_the_same_logits()
    {
        using var model = ActiveModel();
        random.manual_seed(11);
        var tokens = randint(0, 40, [3, 24]);
        var (features, _) = model.Forward(tokens);
        var sequence = model.LmLogits(features);

        var state = model.InitialState(3);
        var steps = new List<Tensor>();
        for (var t = 0; t < 24; t++)
        {
            (var f, state) = model.Step(tokens.select(1, t), state);
            steps.Add(model.LmLogits(f));
        }
        var recurrent = stack(steps, 1);
        var relative = ((recurrent - sequence).abs().max() / sequence.abs().max()).item<double>();
        Assert.True(relative <= 1e-4, $"relative difference {relative}");
    }

    [Fact]
    public void The_test_model_fires_so_the_agreement_test_exercises_the_lif_layers()
    {
        using var model = ActiveModel();
        random.manual_seed(11);
        var tokens = randint(0, 40, [3, 24]);
        var (withSpikes, _) = model.Forward(tokens);
        // Features are ln_out of a sum of 0/1 spikes; if nothing fired past the embedding, every
        // block would leave x unchanged and features would equal ln_out(ln0(spike(emb))).
        Assert.True(withSpikes.std().item<double>() > 0);
        var state = model.InitialState(3);
        var (_, after) = model.Forward(tokens, state);
        Assert.True(after.Layers[0].AttMembrane.abs().sum().item<double>() > 0 || after.Layers[1].FfnMembrane.abs().sum().item<double>() > 0);
    }

    [Fact]
    public void Carrying_state_across_chunks_equals_one_long_sequence()
    {
        using var model = ActiveModel();
        random.manual_seed(5);
        var tokens = randint(0, 40, [2, 30]);
        var (whole, _) = model.Forward(tokens);
        var (first, state) = model.Forward(tokens.narrow(1, 0, 13));
        var (second, _) = model.Forward(tokens.narrow(1, 13, 17), state);
        var chunked = cat([first, second], 1);
        Assert.True((whole - chunked).abs().max().item<double>() < 1e-9);
    }

    [Fact]
    public void Float32_forward_matches_float64_apart_from_rare_threshold_flips()
    {
        using var model64 = ActiveModel(dtype: ScalarType.Float64, seed: 9);
        using var model32 = ActiveModel(dtype: ScalarType.Float32, seed: 9);
        using (no_grad())
        {
            foreach (var (name, p) in model32.named_parameters()) p.copy_(model64.state_dict()[name].to(ScalarType.Float32));
        }
        random.manual_seed(2);
        var tokens = randint(0, 40, [2, 16]);
        var a = model64.LmLogits(model64.Forward(tokens).Features);
        var b = model32.LmLogits(model32.Forward(tokens).Features).to(ScalarType.Float64);
        var close = (a - b).abs().lt(1e-3 * a.abs().max()).to(ScalarType.Float64).mean().item<double>();
        Assert.True(close > 0.9, $"only {close:P1} of logits agree");
    }
}
