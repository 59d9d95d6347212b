import { Result } from 'antd';
import { mount } from '../components/AppRoot';

// Bare frame until its issue lands; it already runs in the same hosts as the clerk window.
mount(<Result status="info" title="叫号屏" subTitle="叫号屏将在排队叫号功能上线后显示呼叫信息。" style={{ marginTop: '15vh' }} />);
