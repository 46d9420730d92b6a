"""Checks for the DPO lab: m is the learner's module, ref the reference solution."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def _scalar(value: object, call: str, call_zh: str | None = None) -> float:
    """``value`` as a float; ``call`` (``call_zh`` in Chinese, when it differs) names the call that returned it."""
    assert isinstance(value, float | int | np.floating | np.integer) and not isinstance(value, bool), (
        f"{call} returned {type(value).__name__} {value!r}, expected a single float",
        f"{call_zh or call} 返回的是 {type(value).__name__} {value!r}，应当返回单个浮点数",
    )
    return float(value)


def _batch(seed: int, b: int = 8) -> tuple[Array, Array, Array, Array]:
    """Summed log-probabilities of answers: policy and reference close, chosen and rejected apart."""
    rng = np.random.default_rng(seed)
    ref_chosen = rng.uniform(-180.0, -40.0, size=b)
    ref_rejected = rng.uniform(-180.0, -40.0, size=b)
    policy_chosen = ref_chosen + rng.normal(0.0, 6.0, size=b)
    policy_rejected = ref_rejected + rng.normal(0.0, 6.0, size=b)
    return policy_chosen, policy_rejected, ref_chosen, ref_rejected


def _diagnose(got: float, pc: Array, pr: Array, rc: Array, rr: Array, beta: float) -> tuple[str, str]:
    """A hint (en, zh) when ``got`` is what a common mistake gives, else empty texts."""

    def loss(z: Array) -> float:
        return float(np.logaddexp(0.0, -z).mean())

    margin = (pc - rc) - (pr - rr)
    guesses = [
        ("the reference log-probabilities are left out", "漏掉了参考模型的对数概率", loss(beta * (pc - pr))),
        (
            "the sign is flipped: it should be chosen minus rejected",
            "符号反了：应当是 chosen 减去 rejected",
            loss(-beta * margin),
        ),
        (
            "that is the sum over the batch, not the mean",
            "这是整个批次的总和，不是平均值",
            loss(beta * margin) * len(pc),
        ),
        ("beta is not applied", "没有乘以 beta", loss(margin)),
    ]
    for label, label_zh, value in guesses:
        if np.isclose(got, value):
            return f" ({label})", f"（{label_zh}）"
    return "", ""


def check_log_sigmoid(m: ModuleType, ref: ModuleType) -> None:
    """log_sigmoid is right and finite from -1000 to 1000
    zh: log_sigmoid 在 -1000 到 1000 之间都正确且有限"""
    x = np.array([-1000.0, -40.0, -2.0, 0.0, 0.5, 3.0, 40.0, 1000.0])
    got = np.asarray(m.log_sigmoid(x), dtype=np.float64)
    want = ref.log_sigmoid(x)
    assert got.shape == want.shape, (
        f"log_sigmoid on 8 values returned shape {got.shape}, expected {want.shape}",
        f"对 8 个值调用 log_sigmoid，返回的形状是 {got.shape}，应为 {want.shape}",
    )
    bad = np.flatnonzero(~np.isclose(got, want, rtol=1e-9, atol=1e-12))
    assert bad.size == 0, (
        f"log_sigmoid({x[bad[0]]:g}) returned {float(got[bad[0]])!r}, expected {want[bad[0]]:.6g}"
        + (" (overflow: use -np.logaddexp(0, -x))" if not np.isfinite(got[bad[0]]) else ""),
        f"log_sigmoid({x[bad[0]]:g}) 返回 {float(got[bad[0]])!r}，应为 {want[bad[0]]:.6g}"
        + ("（溢出了：请改用 -np.logaddexp(0, -x)）" if not np.isfinite(got[bad[0]]) else ""),
    )


def check_rewards(m: ModuleType, ref: ModuleType) -> None:
    """dpo_rewards returns beta * (policy - reference) for chosen and rejected
    zh: dpo_rewards 对被选中和被拒绝的回答分别返回 beta × (策略 − 参考)"""
    pc, pr, rc, rr = _batch(1)
    result = m.dpo_rewards(pc, pr, rc, rr, 0.1)
    assert isinstance(result, tuple) and len(result) == 2, (
        f"dpo_rewards returned {type(result).__name__}, expected a tuple (chosen_rewards, rejected_rewards)",
        f"dpo_rewards 返回的是 {type(result).__name__}，应当返回元组 (chosen_rewards, rejected_rewards)",
    )
    got_c, got_r = (np.asarray(a, dtype=np.float64) for a in result)
    want_c, want_r = ref.dpo_rewards(pc, pr, rc, rr, 0.1)
    assert got_c.shape == want_c.shape and np.allclose(got_c, want_c), (
        f"dpo_rewards(beta=0.1) chosen rewards {got_c[:3].round(4).tolist()}..., expected {want_c[:3].round(4).tolist()}...",
        f"dpo_rewards(beta=0.1) 给出的 chosen 奖励是 {got_c[:3].round(4).tolist()}...，应为 {want_c[:3].round(4).tolist()}...",
    )
    assert got_r.shape == want_r.shape and np.allclose(got_r, want_r), (
        f"dpo_rewards(beta=0.1) rejected rewards {got_r[:3].round(4).tolist()}..., expected {want_r[:3].round(4).tolist()}...",
        f"dpo_rewards(beta=0.1) 给出的 rejected 奖励是 {got_r[:3].round(4).tolist()}...，应为 {want_r[:3].round(4).tolist()}...",
    )


def check_policy_equals_reference(m: ModuleType, ref: ModuleType) -> None:
    """when the policy equals the reference the loss is log 2
    zh: 策略与参考模型相同时，损失是 log 2"""
    _pc, _pr, rc, rr = _batch(2)
    got = _scalar(m.dpo_loss(rc.copy(), rr.copy(), rc, rr, 0.1), "dpo_loss(policy == reference)")
    assert np.isclose(got, np.log(2.0)), (
        f"dpo_loss with policy log-probs equal to the reference returned {got:.6f}, expected log 2 = {np.log(2.0):.6f}"
        f"{_diagnose(got, rc, rr, rc, rr, 0.1)[0]}",
        f"策略的对数概率与参考模型相同时，dpo_loss 返回 {got:.6f}，应为 log 2 = {np.log(2.0):.6f}"
        f"{_diagnose(got, rc, rr, rc, rr, 0.1)[1]}",
    )


def check_loss_matches(m: ModuleType, ref: ModuleType) -> None:
    """dpo_loss on a random batch of 8 with beta = 0.1
    zh: beta = 0.1 时在 8 个样本的随机批次上检查 dpo_loss"""
    pc, pr, rc, rr = _batch(3)
    got = _scalar(m.dpo_loss(pc, pr, rc, rr, 0.1), "dpo_loss(beta=0.1)")
    want = ref.dpo_loss(pc, pr, rc, rr, 0.1)
    assert np.isclose(got, want), (
        f"dpo_loss(...) with beta=0.1 on a batch of 8 returned {got:.6f}, expected {want:.6f}{_diagnose(got, pc, pr, rc, rr, 0.1)[0]}",
        f"在 8 个样本的批次上、beta=0.1 时 dpo_loss(...) 返回 {got:.6f}，应为 {want:.6f}{_diagnose(got, pc, pr, rc, rr, 0.1)[1]}",
    )


def check_beta(m: ModuleType, ref: ModuleType) -> None:
    """beta scales the margin: beta = 0.5 and the default beta = 0.1
    zh: beta 缩放奖励差：beta = 0.5 与默认值 beta = 0.1"""
    pc, pr, rc, rr = _batch(4)
    got = _scalar(m.dpo_loss(pc, pr, rc, rr, 0.5), "dpo_loss(beta=0.5)")
    want = ref.dpo_loss(pc, pr, rc, rr, 0.5)
    assert np.isclose(got, want), (
        f"dpo_loss(...) with beta=0.5 returned {got:.6f}, expected {want:.6f}{_diagnose(got, pc, pr, rc, rr, 0.5)[0]}",
        f"beta=0.5 时 dpo_loss(...) 返回 {got:.6f}，应为 {want:.6f}{_diagnose(got, pc, pr, rc, rr, 0.5)[1]}",
    )
    got = _scalar(m.dpo_loss(pc, pr, rc, rr), "dpo_loss(default beta)")
    want = ref.dpo_loss(pc, pr, rc, rr)
    assert np.isclose(got, want), (
        f"dpo_loss(...) with the default beta returned {got:.6f}, expected {want:.6f} (beta = 0.1)",
        f"使用默认的 beta 时 dpo_loss(...) 返回 {got:.6f}，应为 {want:.6f}（beta = 0.1）",
    )


def check_direction(m: ModuleType, ref: ModuleType) -> None:
    """raising the chosen answer's policy log-prob lowers the loss; raising the rejected one's raises it
    zh: 提高被选中回答的策略对数概率会降低损失；提高被拒绝回答的会升高损失"""
    pc, pr, rc, rr = _batch(5, b=1)
    base = _scalar(m.dpo_loss(pc, pr, rc, rr, 0.1), "dpo_loss")
    up_chosen = _scalar(m.dpo_loss(pc + 10.0, pr, rc, rr, 0.1), "dpo_loss")
    up_rejected = _scalar(m.dpo_loss(pc, pr + 10.0, rc, rr, 0.1), "dpo_loss")
    assert up_chosen < base, (
        f"raising policy_chosen by 10 changed the loss from {base:.4f} to {up_chosen:.4f}, expected it to go down",
        f"把 policy_chosen 提高 10 后，损失从 {base:.4f} 变成了 {up_chosen:.4f}；它应当下降",
    )
    assert up_rejected > base, (
        f"raising policy_rejected by 10 changed the loss from {base:.4f} to {up_rejected:.4f}, expected it to go up",
        f"把 policy_rejected 提高 10 后，损失从 {base:.4f} 变成了 {up_rejected:.4f}；它应当上升",
    )


def check_reference_matters(m: ModuleType, ref: ModuleType) -> None:
    """the loss depends on the reference: a higher ref_chosen raises the loss
    zh: 损失依赖参考模型：ref_chosen 越高，损失越大"""
    pc, pr, rc, rr = _batch(6, b=1)
    base = _scalar(m.dpo_loss(pc, pr, rc, rr, 0.1), "dpo_loss")
    moved = _scalar(m.dpo_loss(pc, pr, rc + 10.0, rr, 0.1), "dpo_loss")
    want = ref.dpo_loss(pc, pr, rc + 10.0, rr, 0.1)
    assert not np.isclose(base, moved), (
        f"raising ref_chosen by 10 left the loss at {base:.4f}; expected {want:.4f}: the reward is the policy log-prob minus the reference log-prob",
        f"把 ref_chosen 提高 10 后，损失仍是 {base:.4f}，应为 {want:.4f}：奖励是策略的对数概率减去参考模型的对数概率",
    )
    assert np.isclose(moved, want), (
        f"dpo_loss with ref_chosen raised by 10 returned {moved:.4f}, expected {want:.4f}",
        f"ref_chosen 提高 10 后，dpo_loss 返回 {moved:.4f}，应为 {want:.4f}",
    )


def check_extreme_margins(m: ModuleType, ref: ModuleType) -> None:
    """huge margins give a finite loss: about 0 when right by far, about beta * margin when wrong by far
    zh: 奖励差极大时损失仍然有限：大幅正确时接近 0，大幅错误时约等于 beta × 差值"""
    rc = np.array([-100.0, -100.0])
    rr = np.array([-100.0, -100.0])
    pc = np.array([-100.0 + 5000.0, -100.0 - 5000.0])
    pr = np.array([-100.0, -100.0])
    got = _scalar(
        m.dpo_loss(pc, pr, rc, rr, 1.0), "dpo_loss(margins of +5000 and -5000)", "dpo_loss(奖励差为 +5000 和 -5000)"
    )
    want = ref.dpo_loss(pc, pr, rc, rr, 1.0)
    assert np.isfinite(got), (
        f"dpo_loss with margins +5000 and -5000 (beta=1) returned {got}, expected {want:.1f}: compute log sigmoid stably",
        f"奖励差为 +5000 和 -5000（beta=1）时 dpo_loss 返回 {got}，应为 {want:.1f}：log sigmoid 要用数值稳定的方法计算",
    )
    assert np.isclose(got, want), (
        f"dpo_loss with margins +5000 and -5000 (beta=1) returned {got:.4f}, expected {want:.4f}",
        f"奖励差为 +5000 和 -5000（beta=1）时 dpo_loss 返回 {got:.4f}，应为 {want:.4f}",
    )
